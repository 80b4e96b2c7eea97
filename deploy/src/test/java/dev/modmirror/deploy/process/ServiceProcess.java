package dev.modmirror.deploy.process;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A {@code modmirror} command in a JVM of its own, as production runs it: the launcher's main class
 * on this test's class path, the given environment only (plus PATH and HOME), stdout and stderr to
 * files. Closing sends SIGTERM (the services flush their telemetry on the way out) and waits; a
 * process that does not stop is killed.
 */
public final class ServiceProcess implements AutoCloseable {
  private static final String MAIN = "dev.modmirror.deploy.Launcher";

  private final String name;
  private final Process process;
  private final Path out;
  private final Path err;

  private ServiceProcess(String name, Process process, Path out, Path err) {
    this.name = name;
    this.process = process;
    this.out = out;
    this.err = err;
  }

  /**
   * Starts {@code modmirror args…}.
   *
   * @param logs where {@code <name>.out} and {@code <name>.err} go
   */
  public static ServiceProcess start(
      String name, Path logs, Map<String, String> env, String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    // Small, quick JVMs: several share two cores with the build.
    command.addAll(
        List.of("-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xshare:auto"));
    command.addAll(List.of("-cp", productionClassPath(), MAIN));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().clear();
    builder.environment().put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
    builder.environment().put("HOME", System.getProperty("user.home"));
    builder.environment().putAll(env);
    Files.createDirectories(logs);
    Path out = logs.resolve(name + ".out");
    Path err = logs.resolve(name + ".err");
    builder.redirectOutput(out.toFile()).redirectError(err.toFile());
    return new ServiceProcess(name, builder.start(), out, err);
  }

  /**
   * This test's class path without test classes, so the process configures logging from the
   * production logback.xml, not from logback-test.xml.
   */
  private static String productionClassPath() {
    return Stream.of(System.getProperty("java.class.path").split(File.pathSeparator))
        .filter(entry -> !entry.endsWith("test-classes"))
        .collect(Collectors.joining(File.pathSeparator));
  }

  /**
   * Waits until stdout has a line matching {@code pattern} and returns its first group (or the
   * whole line).
   *
   * @throws AssertionError with both logs if the process exits or the time runs out first
   */
  public String awaitLine(Pattern pattern, Duration timeout)
      throws IOException, InterruptedException {
    Instant deadline = Instant.now().plus(timeout);
    while (Instant.now().isBefore(deadline)) {
      for (String line : Files.readAllLines(out, StandardCharsets.UTF_8)) {
        Matcher m = pattern.matcher(line);
        if (m.find()) {
          return m.groupCount() > 0 ? m.group(1) : line;
        }
      }
      if (!process.isAlive()) {
        throw new AssertionError(
            name + " exited " + process.exitValue() + " before " + pattern + logs());
      }
      Thread.sleep(100);
    }
    throw new AssertionError(name + " printed no line matching " + pattern + logs());
  }

  /** Waits for the process to end on its own (a one-shot command); returns its exit code. */
  public int awaitExit(Duration timeout) throws InterruptedException {
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new AssertionError(name + " still running after " + timeout + logs());
    }
    return process.exitValue();
  }

  /** What the process has written to stdout so far. */
  public String stdoutText() throws IOException {
    return Files.exists(out) ? Files.readString(out, StandardCharsets.UTF_8) : "";
  }

  /** Every line the process has written to stderr so far (its logs). */
  public List<String> stderrLines() throws IOException {
    return Files.exists(err) ? Files.readAllLines(err, StandardCharsets.UTF_8) : List.of();
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** Both logs, for a failure message. */
  public String logs() {
    try {
      return "\n--- "
          + name
          + " stdout:\n"
          + tail(out)
          + "\n--- "
          + name
          + " stderr:\n"
          + tail(err);
    } catch (IOException e) {
      return " (logs unreadable: " + e + ")";
    }
  }

  private static String tail(Path file) throws IOException {
    String text = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    return text.length() > 8000 ? "…" + text.substring(text.length() - 8000) : text;
  }

  @Override
  public void close() throws InterruptedException {
    if (!process.isAlive()) {
      return;
    }
    process.destroy(); // SIGTERM: shutdown hooks close services and flush telemetry
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }
}
