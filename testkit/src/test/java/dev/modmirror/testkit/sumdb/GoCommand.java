package dev.modmirror.testkit.sumdb;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Private stand-in for the testkit's GoToolchain until it is merged: finds {@code go} on PATH and
 * runs it in an isolated environment. Fails loudly when go is missing, unless {@code
 * modmirror.go.required=false}.
 */
final class GoCommand {
  /** The result of one run. */
  record Result(int exitCode, String output) {}

  private final Path go;
  private final Path home;

  private GoCommand(Path go, Path home) {
    this.go = go;
    this.home = home;
  }

  static GoCommand locate(Path tempDir) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      Path candidate = Path.of(dir, "go");
      if (Files.isExecutable(candidate)) {
        return new GoCommand(candidate, tempDir);
      }
    }
    if ("false".equals(System.getProperty("modmirror.go.required"))) {
      System.err.println("==== GO INTEROP TESTS DID NOT RUN: no go on PATH ====");
      Assumptions.abort("GO INTEROP TESTS DID NOT RUN: no go on PATH");
    }
    return fail("go is not on PATH; install golang-go or set -Dmodmirror.go.required=false");
  }

  Result run(Path workDir, Map<String, String> extraEnv, String... args) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(concat(go.toString(), args)).directory(workDir.toFile());
    Map<String, String> env = pb.environment();
    for (String v :
        List.of("GONOSUMDB", "GONOSUMCHECK", "GOPRIVATE", "GONOPROXY", "GOINSECURE", "GOENV")) {
      env.remove(v);
    }
    env.put("HOME", home.toString());
    env.put("GOPATH", home.resolve("gopath").toString());
    env.put("GOMODCACHE", home.resolve("modcache").toString());
    env.put("GOCACHE", home.resolve("gocache").toString());
    env.put("GOFLAGS", "-mod=mod");
    env.put("GOTOOLCHAIN", "local");
    env.put("GO111MODULE", "on");
    env.putAll(extraEnv);
    pb.redirectErrorStream(true);
    Process p = pb.start();
    byte[] out = p.getInputStream().readAllBytes();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IOException("go timed out");
    }
    return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
  }

  private static String[] concat(String first, String[] rest) {
    String[] all = new String[rest.length + 1];
    all[0] = first;
    System.arraycopy(rest, 0, all, 1, rest.length);
    return all;
  }
}
