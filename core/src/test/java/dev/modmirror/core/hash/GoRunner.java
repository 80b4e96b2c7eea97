package dev.modmirror.core.hash;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Runs the go command as a referee, isolated from the machine's own Go set-up. Core cannot use the
 * test kit's {@code GoToolchain}; this is the same contract in miniature: without {@code go} on the
 * PATH a test fails loudly, unless {@code -Dmodmirror.go.required=false}, in which case it aborts
 * after printing a banner.
 */
final class GoRunner {
  record Result(int exitCode, String stdout, String stderr) {}

  private final Path go;
  private final Path home;

  private GoRunner(Path go, Path home) {
    this.go = go;
    this.home = home;
  }

  /** Finds {@code go}; fails or aborts the calling test when it is missing. */
  static GoRunner locate(Path home) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      Path candidate = Path.of(dir, "go");
      if (Files.isExecutable(candidate)) {
        return new GoRunner(candidate, home);
      }
    }
    if ("false".equals(System.getProperty("modmirror.go.required"))) {
      System.err.println(
          "=".repeat(60) + "\nGO INTEROP TESTS DID NOT RUN (no go on PATH)\n" + "=".repeat(60));
      Assumptions.abort("go is not installed and modmirror.go.required=false");
    }
    return fail(
        "The go command is required for interop tests but is not on PATH. Install golang-go or run"
            + " with -Dmodmirror.go.required=false to skip them explicitly.");
  }

  /** Runs {@code go args…} in {@code workDir} with GOPROXY set to {@code goproxy}. */
  Result run(Path workDir, String goproxy, String... args) {
    List<String> command = new ArrayList<>(List.of(go.toString()));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile());
    Map<String, String> env = pb.environment();
    env.keySet().removeIf(k -> k.startsWith("GO") && !k.equals("GOROOT"));
    env.put("GOPROXY", goproxy);
    env.put("GOSUMDB", "off");
    env.put("GOFLAGS", "-mod=mod");
    env.put("GOTOOLCHAIN", "local");
    env.put("GO111MODULE", "on");
    env.put("GOMODCACHE", home.resolve("modcache").toString());
    env.put("GOPATH", home.resolve("gopath").toString());
    env.put("GOCACHE", home.resolve("gocache").toString());
    env.put("HOME", home.toString());
    try {
      Path out = Files.createTempFile(home, "go", ".out");
      Path err = Files.createTempFile(home, "go", ".err");
      Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
      if (!p.waitFor(120, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return fail("go " + String.join(" ", args) + " did not finish in 120 s");
      }
      return new Result(
          p.exitValue(),
          Files.readString(out, StandardCharsets.UTF_8),
          Files.readString(err, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Makes the read-only module cache deletable, so that {@code @TempDir} can clean up. */
  void makeWritable() {
    try (var paths = Files.walk(home)) {
      paths.forEach(p -> p.toFile().setWritable(true));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
