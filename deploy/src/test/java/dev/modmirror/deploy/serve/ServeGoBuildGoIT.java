package dev.modmirror.deploy.serve;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modmirror.deploy.dev.DevMirror;
import dev.modmirror.deploy.dev.VersionReport;
import dev.modmirror.deploy.wiring.ServeSettings;
import dev.modmirror.deploy.wiring.Serving;
import dev.modmirror.gotool.GoResult;
import dev.modmirror.gotool.GoSandbox;
import dev.modmirror.gotool.GoToolchain;
import dev.modmirror.gotool.RealModules;
import dev.modmirror.testkit.TempDirs;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The go command builds a real program (cobra, uuid, x/sync) through modmirror: the go command
 * downloads the modules the program's go.sum names into the real-module cache (offline on every
 * later run), modmirror warms them from that cache as a {@code file://} upstream into its region
 * buckets, and {@code serve} (as {@code modmirror dev --serve} runs it) is then the only GOPROXY of
 * a go command with an empty module cache. The checksum database is reached only through serve's
 * {@code /sumdb/} pass-through, which passes on the lookups and tiles that the go command cached
 * when it first downloaded the modules: every direct https request of that go command goes to an
 * unusable proxy, so a verification that did not go through serve would fail.
 */
class ServeGoBuildGoIT {
  private static final String PROGRAM = "/interop/hello/";
  private static GoToolchain go;
  private static Path work;
  private static DevMirror dev;
  private static Serving serving;

  @BeforeAll
  static void warmTheProgramsModules() throws Exception {
    go = GoToolchain.require();
    work = Files.createTempDirectory("serve-go-build-");
    for (String file : List.of("main.go", "go.mod", "go.sum")) {
      Files.writeString(work.resolve(file), resource(file));
    }
    List<String> needed = versionsOf(resource("go.sum"));
    RealModules corpus = RealModules.download(go, needed);
    dev =
        DevMirror.start(work.resolve("mirror"), 1, corpus.downloadTree().toUri().toString(), "off");
    StringBuilder goMod =
        new StringBuilder("module example.com/hello-deps\n\ngo 1.21\n\nrequire (\n");
    needed.forEach(m -> goMod.append('\t').append(m.replace('@', ' ')).append('\n'));
    List<VersionReport> reports =
        dev.warmAndReport()
            .run("hello-deps/go.mod", goMod.append(")\n").toString(), Duration.ofMinutes(3));
    assertThat(reports).allSatisfy(r -> assertThat(r.complete()).as(r.toString()).isTrue());
    Path sumdb = corpus.downloadTree().resolve("sumdb").resolve("sum.golang.org");
    serving =
        dev.serve(
            ServeSettings.defaults()
                .listeningOn(new InetSocketAddress("127.0.0.1", 0))
                .withSumDb("sum.golang.org " + sumdb.toUri()));
  }

  @AfterAll
  static void stop() {
    if (serving != null) {
      serving.close();
    }
    if (dev != null) {
      dev.close();
    }
    if (work != null) {
      TempDirs.deleteTree(work);
    }
  }

  @Test
  void goBuildsTheProgramAndVerifiesEveryChecksumThroughServe() throws IOException {
    Path program = copyOfProgram("build");
    // Without go.sum, the go command must ask the checksum database for every module it uses.
    Files.delete(program.resolve("go.sum"));
    try (GoSandbox env = client()) {
      GoResult build = go.run(env, program, Duration.ofMinutes(3), "build", "-o", "hello", ".");
      assertThat(build.ok()).as(build.stderr()).isTrue();

      GoResult verify = go.run(env, program, Duration.ofMinutes(1), "mod", "verify");
      assertThat(verify.ok()).as(verify.stderr()).isTrue();
      assertThat(verify.stdout()).contains("all modules verified");
    }
    // What the go command verified through serve is what it verified when it first downloaded.
    List<String> original = List.of(resource("go.sum").split("\n"));
    List<String> verified = Files.readAllLines(program.resolve("go.sum"));
    assertThat(verified).isSubsetOf(original);
    assertThat(verified)
        .contains(
            "github.com/spf13/cobra v1.8.0 h1:7aJaZx1B85qltLMc546zn58BxxfZdR/W22ej9CFoEf0=",
            "github.com/google/uuid v1.6.0 h1:NIvaJDMOsjHA8n1jAhLSgzrAzy1Hgr+hNrb57e+94F0=",
            "golang.org/x/sync v0.7.0 h1:YsImfSBoP9QPYL0xyKJPq0gcaJdG3rInoqxTWbfQu9M=");
  }

  @Test
  void theBuiltProgramRuns() throws Exception {
    Path program = copyOfProgram("run");
    try (GoSandbox env = client()) {
      GoResult run = go.run(env, program, Duration.ofMinutes(3), "run", ".");
      assertThat(run.ok()).as(run.stderr()).isTrue();
      assertThat(run.stdout()).contains("hello from a module built through modmirror");
    }
  }

  @Test
  void aVersionMissingFromTheBucketIsNotFoundForGo() {
    try (GoSandbox env = client()) {
      GoResult missing =
          go.run(
              env,
              env.root(),
              Duration.ofMinutes(1),
              "mod",
              "download",
              "-json",
              "github.com/google/uuid@v1.5.0");
      assertThat(missing.ok()).isFalse();
      assertThat(missing.stdout() + missing.stderr()).contains("404 Not Found");
    }
  }

  /**
   * A go command whose only GOPROXY is serve, with an empty module cache, and whose direct https
   * requests (to a checksum database, say) all fail: loopback requests are never proxied.
   */
  private static GoSandbox client() {
    return GoSandbox.isolated("http://127.0.0.1:" + serving.port(), "sum.golang.org")
        .with(
            Map.of(
                "HTTPS_PROXY", "http://127.0.0.1:9",
                "HTTP_PROXY", "http://127.0.0.1:9",
                "GONOSUMDB", "",
                "GOPRIVATE", "",
                "GONOPROXY", ""));
  }

  private static Path copyOfProgram(String name) throws IOException {
    Path dir = Files.createDirectories(work.resolve(name));
    for (String file : List.of("main.go", "go.mod", "go.sum")) {
      Files.writeString(dir.resolve(file), resource(file));
    }
    return dir;
  }

  /** {@code module@version} of every line of a go.sum, each once, in file order. */
  static List<String> versionsOf(String goSum) {
    Set<String> versions = new LinkedHashSet<>();
    for (String line : goSum.split("\n")) {
      String[] f = line.trim().split(" ");
      if (f.length == 3) {
        versions.add(f[0] + "@" + f[1].replace("/go.mod", ""));
      }
    }
    return List.copyOf(versions);
  }

  private static String resource(String name) throws IOException {
    try (InputStream in = ServeGoBuildGoIT.class.getResourceAsStream(PROGRAM + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
