package dev.modmirror.ingest.gomod;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.modmirror.core.error.InvalidInputException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GoModSourcesTest {
  @TempDir Path tmp;

  private GoModSources sources(String stdin) {
    return new GoModSources(
        new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
        HttpClient.newHttpClient(),
        Duration.ofSeconds(10));
  }

  private void write(String rel, String text) throws IOException {
    Path p = tmp.resolve(rel);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text);
  }

  @Test
  void aTreeGivesEveryGoModButVendorTestdataAndHiddenOnes() throws IOException {
    write("go.mod", "module root\n");
    write("sub/x/go.mod", "module root/sub/x\n");
    write("vendor/example.com/v/go.mod", "module example.com/v\n");
    write("pkg/testdata/go.mod", "module td\n");
    write(".git/go.mod", "module hidden\n");
    write("sub/.cache/go.mod", "module hidden2\n");
    write("sub/x/not-go.mod", "module no\n");
    List<GoModSources.Unit> units = sources("").read(tmp.toString());
    assertThat(units)
        .extracting(GoModSources.Unit::name)
        .containsExactly(tmp.resolve("go.mod").toString(), tmp.resolve("sub/x/go.mod").toString());
  }

  @Test
  void aGoWorkIsAWorkspaceAndAFileIsAModule() throws IOException {
    write("go.work", "use ./a\n");
    write("a/go.mod", "module a\n");
    assertThat(sources("").read(tmp.resolve("go.work").toString()))
        .singleElement()
        .isInstanceOf(GoModSources.WorkspaceUnit.class);
    assertThat(sources("").read(tmp.resolve("a/go.mod").toString()))
        .singleElement()
        .isInstanceOf(GoModSources.ModuleUnit.class);
  }

  @Test
  void standardInputIsOneGoModWithoutADirectory() {
    GoModSources.Unit unit = sources("module hello\n").read("-").get(0);
    assertThat(unit)
        .isEqualTo(
            new GoModSources.ModuleUnit("<stdin>", "module hello\n", java.util.Optional.empty()));
  }

  @Test
  void aUrlIsFetchedWithinItsBoundsAndAnHttpErrorIsReported() throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/ok/go.mod",
        ex -> {
          byte[] body = "module example.com/remote\n".getBytes(StandardCharsets.UTF_8);
          ex.sendResponseHeaders(200, body.length);
          try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
          }
        });
    server.createContext(
        "/huge/go.mod",
        ex -> {
          ex.sendResponseHeaders(200, 0);
          try (OutputStream out = ex.getResponseBody()) {
            byte[] chunk = new byte[1 << 20];
            for (int i = 0; i <= GoModSources.MAX_BYTES >> 20; i++) {
              out.write(chunk);
            }
          } catch (IOException e) {
            // The reader stops early: expected.
          }
        });
    server.start();
    try {
      String base = "http://127.0.0.1:" + server.getAddress().getPort();
      GoModSources.Unit unit = sources("").read(base + "/ok/go.mod").get(0);
      assertThat(((GoModSources.ModuleUnit) unit).text()).isEqualTo("module example.com/remote\n");
      assertThatThrownBy(() -> sources("").read(base + "/missing/go.mod"))
          .isInstanceOf(InvalidInputException.class)
          .hasMessageEndingWith("HTTP 404");
      assertThatThrownBy(() -> sources("").read(base + "/huge/go.mod"))
          .isInstanceOf(InvalidInputException.class)
          .hasMessageContaining("larger than " + GoModSources.MAX_BYTES + " bytes");
    } finally {
      server.stop(0);
    }
  }

  @Test
  void aMissingPathIsReported() {
    assertThatThrownBy(() -> sources("").read(tmp.resolve("nope").toString()))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageEndingWith("no such file or directory");
  }
}
