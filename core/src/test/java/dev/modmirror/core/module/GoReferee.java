package dev.modmirror.core.module;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Runs the go command as a referee, isolated in a temp dir (own HOME, GOPATH, GOMODCACHE; no
 * network). A stand-in for testkit's GoToolchain, which core cannot depend on: core's tests must
 * not depend on testkit, because testkit depends on core.
 */
final class GoReferee {
  record Result(int exitCode, String output) {}

  private final Path go;
  private final Path root;

  private GoReferee(Path go, Path root) {
    this.go = go;
    this.root = root;
  }

  /**
   * Finds {@code go} on PATH. Without it the calling test fails loudly, or, with {@code
   * -Dmodmirror.go.required=false}, aborts after printing a banner.
   */
  static GoReferee create(Path tempDir) throws IOException {
    Path go = findGo();
    if (go == null) {
      String message = "GO INTEROP TESTS DID NOT RUN: no 'go' on PATH (apt-get install golang-go)";
      if ("false".equals(System.getProperty("modmirror.go.required"))) {
        System.err.println("\n*** " + message + " ***\n");
        Assumptions.abort(message);
      }
      fail(message + "; set -Dmodmirror.go.required=false to run without the referee");
    }
    Path work = Files.createDirectories(tempDir.resolve("work"));
    Files.writeString(work.resolve("go.mod"), "module example.com/referee\n\ngo 1.19\n");
    return new GoReferee(go, tempDir);
  }

  /** Runs {@code go args…} in the temp module with GOPROXY set to {@code goproxy}. */
  Result run(String goproxy, List<String> args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(go.toString());
    command.addAll(args);
    ProcessBuilder pb = new ProcessBuilder(command).directory(root.resolve("work").toFile());
    Map<String, String> env = pb.environment();
    env.keySet().removeIf(k -> k.startsWith("GO") && !k.equals("GOROOT"));
    env.put("HOME", Files.createDirectories(root.resolve("home")).toString());
    env.put("GOPATH", root.resolve("gopath").toString());
    env.put("GOMODCACHE", root.resolve("modcache").toString());
    env.put("GOCACHE", root.resolve("gocache").toString());
    env.put("GOPROXY", goproxy);
    env.put("GOSUMDB", "off");
    env.put("GOFLAGS", "-mod=mod");
    env.put("GOTOOLCHAIN", "local");
    env.put("GO111MODULE", "on");
    pb.redirectErrorStream(true);
    Process p = pb.start();
    byte[] out = p.getInputStream().readAllBytes();
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      fail("go " + args + " timed out");
    }
    return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
  }

  /** Makes the module cache deletable (the go command writes it read-only). */
  void close() throws IOException {
    Path cache = root.resolve("modcache");
    if (Files.exists(cache)) {
      try (var paths = Files.walk(cache)) {
        paths.forEach(p -> p.toFile().setWritable(true));
      }
    }
  }

  private static Path findGo() {
    String path = System.getenv().getOrDefault("PATH", "");
    for (String dir : path.split(java.io.File.pathSeparator)) {
      Path candidate = Path.of(dir.isEmpty() ? "." : dir, "go");
      if (Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    return null;
  }
}
