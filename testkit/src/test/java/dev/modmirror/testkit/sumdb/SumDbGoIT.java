package dev.modmirror.testkit.sumdb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modmirror.core.hash.DirHash;
import dev.modmirror.core.module.ModuleRef;
import dev.modmirror.core.module.PrefixPatterns;
import dev.modmirror.gotool.GoResult;
import dev.modmirror.gotool.GoSandbox;
import dev.modmirror.gotool.GoToolchain;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The go command as the referee of FakeSumDb: with GOSUMDB pointing at it, {@code go mod download}
 * must accept our signed notes, tiles and proofs, and refuse a module whose recorded hash is wrong
 * and a database that forked its history.
 */
class SumDbGoIT {
  @TempDir Path temp;
  private FakeSumDb db;
  private GoToolchain go;
  // One GOPATH and module cache per test: go remembers the database's tree head between runs.
  private GoSandbox sandbox;
  private Path proxyRoot;

  @BeforeEach
  void setUp() throws IOException {
    go = GoToolchain.require();
    db = FakeSumDb.start();
    proxyRoot = Files.createDirectories(temp.resolve("proxy"));
    sandbox = GoSandbox.isolated(proxyRoot.toUri().toString(), db.gosumdb());
  }

  @AfterEach
  void tearDown() {
    db.close();
    if (sandbox != null) {
      sandbox.close();
    }
  }

  private Map<String, String> env() {
    return Map.of("GOPROXY", proxyRoot.toUri().toString(), "GOSUMDB", db.gosumdb());
  }

  /** Runs go in {@code temp} with the given variables; go's stdout then stderr as one text. */
  private Result run(Map<String, String> env, String... args) {
    GoResult r = go.run(sandbox.with(env), temp, Duration.ofMinutes(2), args);
    return new Result(r.exitCode(), r.stdout() + r.stderr());
  }

  private record Result(int exitCode, String output) {}

  @Test
  void goAcceptsOurNotesTilesAndProofs() throws Exception {
    for (int i = 0; i < 300; i++) {
      db.add(ModuleRef.of("example.com/filler" + i, "v1.0.0"), filler(i), filler(i + 1000));
    }
    ModuleRef ref = ModuleRef.of("example.com/hello", "v1.0.0");
    String[] hashes = publish(ref);
    db.add(ref, hashes[0], hashes[1]);
    db.add(ModuleRef.of("example.com/after", "v1.0.0"), filler(7), filler(8));

    Result r = run(env(), "mod", "download", "-json", ref.key());

    assertThat(r.exitCode()).as(r.output()).isZero();
    assertThat(r.output()).contains("\"Sum\": \"" + hashes[0] + "\"");
    assertThat(r.output()).contains("\"GoModSum\": \"" + hashes[1] + "\"");
    assertThat(db.requests()).contains("/lookup/example.com/hello@v1.0.0");
    assertThat(db.requests()).anyMatch(p -> p.startsWith("/tile/8/1/"));
  }

  @Test
  void goReachesOurDatabaseThroughAProxySumdbPath() throws Exception {
    ModuleRef ref = ModuleRef.of("example.com/viaproxy", "v1.0.0");
    String[] hashes = publish(ref);
    db.add(ref, hashes[0], hashes[1]);
    // GOSUMDB without a URL: go probes $proxy/sumdb/<name>/supported on the first GOPROXY entry;
    // module files fall through (404) to the file:// tree.
    Map<String, String> env =
        Map.of("GOPROXY", db.proxyUrl() + "," + proxyRoot.toUri(), "GOSUMDB", db.verifierKey());

    Result r = run(env, "mod", "download", "-json", ref.key());

    assertThat(r.exitCode()).as(r.output()).isZero();
    assertThat(r.output()).contains("\"Sum\": \"" + hashes[0] + "\"");
    assertThat(db.requests())
        .contains(
            "/sumdb/fakesum.test/supported",
            "/sumdb/fakesum.test/lookup/example.com/viaproxy@v1.0.0");
  }

  @Test
  void goRefusesAModuleWhoseRecordedHashIsWrong() throws Exception {
    ModuleRef ref = ModuleRef.of("example.com/liar", "v1.0.0");
    String[] hashes = publish(ref);
    db.addWithWrongHash(ref, hashes[0], hashes[1]);

    Result r = run(env(), "mod", "download", "-json", ref.key());

    assertThat(r.exitCode()).isNotZero();
    assertThat(r.output()).contains("SECURITY ERROR").contains("verifying");
  }

  @Test
  void goDetectsOurForkedHistory() throws Exception {
    ModuleRef first = ModuleRef.of("example.com/first", "v1.0.0");
    String[] h = publish(first);
    db.add(first, h[0], h[1]);
    db.add(ModuleRef.of("example.com/other", "v1.0.0"), filler(1), filler(2));
    assertThat(run(env(), "mod", "download", "-json", first.key()).exitCode()).isZero();

    db.forkAt(1);
    ModuleRef second = ModuleRef.of("example.com/second", "v1.0.0");
    String[] h2 = publish(second);
    db.add(second, h2[0], h2[1]);
    Result r = run(env(), "mod", "download", "-json", second.key());

    assertThat(r.exitCode()).isNotZero();
    assertThat(r.output()).contains("SECURITY ERROR").contains("misbehavior");
  }

  /**
   * GONOSUMDB globs judged by the go command itself: the database lies about every version, so go
   * succeeds exactly when the glob exempts the module. Our PrefixPatterns must agree on each.
   */
  @Test
  void goNoSumDbGlobsMatchAsPrefixPatternsSays() throws Exception {
    String[] globs = {
      "example.com",
      "*/quote",
      "*/quote/*",
      "*/v3",
      "*/*/v3",
      "*.com",
      "example",
      "exam*",
      "[a-f]xample.com",
      "*/quo",
      "*/*/*/*",
      "*/*/*,nothing",
      "x.org,*/qu?te/",
      "Example.com"
    };
    int agreed = 0;
    int exempted = 0;
    for (int i = 0; i < globs.length; i++) {
      ModuleRef ref = ModuleRef.of("example.com/quote/v3", "v3.0." + i);
      String[] h = publish(ref);
      db.addWithWrongHash(ref, h[0], h[1]);
      Map<String, String> env = new java.util.HashMap<>(env());
      env.put("GONOSUMDB", globs[i]);
      Result r = run(env, "mod", "download", "-json", ref.key());
      boolean goExempted = r.exitCode() == 0;
      if (goExempted) {
        exempted++;
      } else {
        assertThat(r.output()).contains("SECURITY ERROR");
      }
      assertThat(PrefixPatterns.matches(globs[i], ref.path().value()))
          .as("glob %s, go said: %s", globs[i], r.output())
          .isEqualTo(goExempted);
      agreed++;
    }
    assertThat(agreed).isEqualTo(globs.length);
    assertThat(exempted).as("both verdicts occur").isEqualTo(9);
  }

  private static String filler(int i) {
    return "h1:"
        + java.util.Base64.getEncoder().encodeToString(new byte[32]).substring(0, 40)
        + String.format("%03d", i % 1000)
        + "=";
  }

  /** Writes the module to the file:// GOPROXY tree; returns {zip h1, go.mod h1} from DirHash. */
  private String[] publish(ModuleRef ref) throws IOException {
    String path = ref.path().value();
    String version = ref.version().value();
    byte[] mod = ("module " + path + "\n\ngo 1.19\n").getBytes(StandardCharsets.UTF_8);
    Path dir = Files.createDirectories(proxyRoot.resolve(ref.path().escaped()).resolve("@v"));
    Path zip = dir.resolve(version + ".zip");
    try (OutputStream out = Files.newOutputStream(zip);
        ZipOutputStream z = new ZipOutputStream(out)) {
      entry(z, path + "@" + version + "/go.mod", mod);
      entry(
          z,
          path + "@" + version + "/hello.go",
          "package hello\n".getBytes(StandardCharsets.UTF_8));
    }
    Files.write(dir.resolve(version + ".mod"), mod);
    Files.writeString(
        dir.resolve(version + ".info"),
        "{\"Version\":\"" + version + "\",\"Time\":\"2024-01-02T03:04:05Z\"}");
    Files.writeString(dir.resolve("list"), version + "\n");
    return new String[] {DirHash.hashZip(zip), DirHash.hashGoMod(mod)};
  }

  private static void entry(ZipOutputStream z, String name, byte[] data) throws IOException {
    z.putNextEntry(new ZipEntry(name));
    z.write(data);
    z.closeEntry();
  }
}
