package dev.modmirror.adapters.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modmirror.core.error.ModmirrorException;
import dev.modmirror.core.store.Artifact;
import dev.modmirror.core.upstream.Upstream;
import dev.modmirror.embedded.module.BuiltModule;
import dev.modmirror.embedded.module.ModuleBuilder;
import dev.modmirror.gotool.GoToolchain;
import dev.modmirror.gotool.ModDownload;
import dev.modmirror.testkit.goproxy.FakeGoProxy;
import dev.modmirror.testkit.goproxy.Fault;
import dev.modmirror.testkit.goproxy.Match;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The go command as referee of GOPROXY list semantics: for the same list over two fake proxies, the
 * first one answering with a given status for every file of the version, our {@link
 * Upstreams#fromGoproxy} must succeed exactly when {@code go mod download} succeeds. ({@code
 * direct} is left out: the go command would reach for the network.)
 */
class GoproxyListGoIT {
  private static final UpstreamConfig CONFIG =
      UpstreamConfig.defaults().withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(5));

  private final GoToolchain go = GoToolchain.require();
  private final BuiltModule module =
      ModuleBuilder.module("example.com/fall/through")
          .version("v1.0.0")
          .goMod("module example.com/fall/through\n\ngo 1.19\n")
          .file("through.go", "package through\n")
          .build();
  private FakeGoProxy first;
  private FakeGoProxy second;

  @BeforeEach
  void start() {
    first = FakeGoProxy.start().add(module);
    second = FakeGoProxy.start().add(module);
  }

  @AfterEach
  void stop() {
    first.close();
    second.close();
  }

  @ParameterizedTest(name = "GOPROXY=\"{0}\" with the first answering {1}: succeeds={2}")
  @CsvSource(
      delimiter = ';',
      value = {
        "A|B; 503; true",
        "A,B; 503; false",
        "A,B; 404; true",
        "A,B; 410; true",
        "A|B; 403; true",
        "A,B; 403; false",
        "' A , , B '; 404; true",
        "A,off; 404; false",
        "A|off; 500; false",
        "A; 200; true",
      })
  void fallsThroughExactlyAsTheGoCommand(String template, int status, boolean expected)
      throws IOException {
    if (status != 200) {
      first.inject(Match.version(module.ref()), Fault.status(status));
    }
    String goproxy =
        template.replace("A", first.baseUrl().toString()).replace("B", second.baseUrl().toString());

    ModDownload referee = go.modDownloadJson(goproxy, "off", module.ref().key());
    boolean ours = fetchesAll(Upstreams.fromGoproxy(goproxy, CONFIG));

    assertThat(referee.ok()).as("go for %s: %s", goproxy, referee).isEqualTo(expected);
    assertThat(ours).as("modmirror for %s", goproxy).isEqualTo(referee.ok());
  }

  private boolean fetchesAll(Upstream upstream) throws IOException {
    try {
      return same(upstream, Artifact.INFO, module.info())
          && same(upstream, Artifact.MOD, module.mod())
          && same(upstream, Artifact.ZIP, module.zip());
    } catch (ModmirrorException e) {
      return false;
    }
  }

  private boolean same(Upstream upstream, Artifact artifact, byte[] expected) throws IOException {
    try (InputStream in = upstream.open(module.ref(), artifact)) {
      return Arrays.equals(in.readAllBytes(), expected);
    }
  }
}
