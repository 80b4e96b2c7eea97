package dev.modmirror.gotool;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * The {@code go} command, for interop tests. Get it with {@link #require()}: when Go is missing the
 * test fails loudly, unless {@code -Dmodmirror.go.required=false}, in which case the test aborts
 * after printing a {@value #BANNER} banner.
 */
public final class GoToolchain {
  /** Printed when interop tests abort for lack of Go. */
  public static final String BANNER = "GO INTEROP TESTS DID NOT RUN";

  /** The system property that allows aborting instead of failing. */
  public static final String REQUIRED_PROPERTY = "modmirror.go.required";

  private static final List<Path> FALLBACKS =
      List.of(Path.of("/usr/bin/go"), Path.of("/usr/lib/go/bin/go"));
  private static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(2);

  private final Path executable;
  private volatile GoRelease release;

  private GoToolchain(Path executable) {
    this.executable = executable;
  }

  /** Finds {@code go} on PATH, then at {@code /usr/bin/go} and {@code /usr/lib/go/bin/go}. */
  public static Optional<GoToolchain> locate() {
    List<Path> candidates = new ArrayList<>();
    String path = System.getenv("PATH");
    if (path != null) {
      for (String dir : path.split(java.io.File.pathSeparator)) {
        if (!dir.isEmpty()) {
          candidates.add(Path.of(dir, "go"));
        }
      }
    }
    candidates.addAll(FALLBACKS);
    return candidates.stream().filter(Files::isExecutable).findFirst().map(GoToolchain::new);
  }

  /**
   * The toolchain, or the end of the calling test: an assertion failure naming what is missing, or
   * (with {@code -Dmodmirror.go.required=false}) a banner on stderr and a JUnit abort.
   */
  public static GoToolchain require() {
    return require(locate(), System.getProperty(REQUIRED_PROPERTY, "true"), System.err);
  }

  // The rule, apart from the environment, so that it can be tested where Go is installed.
  static GoToolchain require(Optional<GoToolchain> found, String required, PrintStream err) {
    if (found.isPresent()) {
      return found.get();
    }
    String why = "the go command was not found on PATH, /usr/bin/go or /usr/lib/go/bin/go";
    if ("false".equalsIgnoreCase(required.strip())) {
      String line = "=".repeat(60);
      err.println("\n" + line + "\n  " + BANNER + "\n  " + why + "\n" + line);
      Assumptions.abort(BANNER + ": " + why);
    }
    return Assertions.fail(
        "Go interop test needs Go: "
            + why
            + ". Install it (apt-get install -y golang-go) or run with -D"
            + REQUIRED_PROPERTY
            + "=false to abort these tests explicitly.");
  }

  /** The {@code go} binary. */
  public Path executable() {
    return executable;
  }

  /**
   * Runs {@code go args…} in {@code workDir} with exactly the environment of {@code env}.
   *
   * @throws IllegalStateException if go does not finish within {@code timeout} (it is killed)
   * @throws UncheckedIOException if go cannot be started
   */
  public GoResult run(GoSandbox env, Path workDir, Duration timeout, String... args) {
    List<String> command = new ArrayList<>();
    command.add(executable.toString());
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile());
    builder.environment().clear();
    builder.environment().putAll(env.variables());
    try {
      Process process = builder.start();
      process.getOutputStream().close();
      CompletableFuture<String> out = drain(process.getInputStream());
      CompletableFuture<String> err = drain(process.getErrorStream());
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException(
            "go " + String.join(" ", args) + " timed out after " + timeout);
      }
      return new GoResult(process.exitValue(), out.get(), err.get());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run " + command, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running " + command, e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("cannot read output of " + command, e);
    }
  }

  /**
   * Runs {@code go args…} with this JVM's own environment: only to read what the machine's go
   * command would use ({@code go env GOPROXY}), never to fetch or build.
   *
   * @throws IllegalStateException if go does not finish within two minutes
   */
  GoResult runInherited(String... args) {
    List<String> command = new ArrayList<>();
    command.add(executable.toString());
    command.addAll(List.of(args));
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(false).start();
      process.getOutputStream().close();
      CompletableFuture<String> out = drain(process.getInputStream());
      CompletableFuture<String> err = drain(process.getErrorStream());
      if (!process.waitFor(DEFAULT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException("go " + String.join(" ", args) + " timed out");
      }
      return new GoResult(process.exitValue(), out.get(), err.get());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run " + command, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running " + command, e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("cannot read output of " + command, e);
    }
  }

  /**
   * {@code go mod download -json moduleAtVersion} in a fresh isolated environment, deleted after.
   *
   * @param goproxy the GOPROXY value
   * @param gosumdb the GOSUMDB value; null or blank means {@code off}
   */
  public ModDownload modDownloadJson(String goproxy, String gosumdb, String moduleAtVersion) {
    try (GoSandbox env = GoSandbox.isolated(goproxy, gosumdb)) {
      return ModDownload.parse(
          run(env, env.root(), DEFAULT_TIMEOUT, "mod", "download", "-json", moduleAtVersion));
    }
  }

  /** {@code go version} output, e.g. {@code go version go1.19.8 linux/amd64}. */
  public String version() {
    try (GoSandbox env = GoSandbox.isolated("off", "off")) {
      return run(env, env.root(), DEFAULT_TIMEOUT, "version").stdout().strip();
    }
  }

  /**
   * The release of this toolchain, asked once ({@code go version}) and remembered. Interop tests
   * use it where the go command's verdict changed between releases (the suites were written against
   * go1.19, the machines now run go1.26).
   *
   * @throws IllegalArgumentException if {@code go version} names no Go 1 release
   */
  public GoRelease release() {
    GoRelease r = release;
    if (r == null) {
      r = GoRelease.parse(version());
      release = r;
    }
    return r;
  }

  private static CompletableFuture<String> drain(InputStream stream) {
    return CompletableFuture.supplyAsync(
        () -> {
          try (stream) {
            return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        },
        // Own threads: the common pool may have one thread, and two blocked readers would deadlock.
        task -> {
          Thread t = new Thread(task, "go-output");
          t.setDaemon(true);
          t.start();
        });
  }
}
