package dev.modmirror.deploy.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A modmirror process started by a test: this JVM's java and test classpath, a main class, an
 * environment of its own (nothing inherited but PATH and HOME), stdout and stderr to files. For
 * what only a separate process can show: an exit code, a kill -9.
 */
public final class ChildJvm implements AutoCloseable {
  private final Process process;
  private final Path stdout;
  private final Path stderr;

  private ChildJvm(Process process, Path stdout, Path stderr) {
    this.process = process;
    this.stdout = stdout;
    this.stderr = stderr;
  }

  /**
   * Starts {@code mainClass} with {@code args}.
   *
   * @param logs where {@code <name>.out} and {@code <name>.err} are written
   */
  public static ChildJvm start(
      String name, Path logs, Map<String, String> env, String mainClass, String... args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx256m");
    command.add("-XX:TieredStopAtLevel=1");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(mainClass);
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().clear();
    builder.environment().put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
    builder.environment().put("HOME", System.getProperty("user.home"));
    builder.environment().putAll(env);
    try {
      Files.createDirectories(logs);
      Path out = logs.resolve(name + ".out");
      Path err = logs.resolve(name + ".err");
      builder.redirectOutput(out.toFile()).redirectError(err.toFile());
      return new ChildJvm(builder.start(), out, err);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + mainClass, e);
    }
  }

  /**
   * Waits for the exit (a hang guard, not a timing assertion).
   *
   * @return the exit code
   * @throws AssertionError if it did not exit within {@code guard}
   */
  public int awaitExit(Duration guard) throws InterruptedException {
    if (!process.waitFor(guard.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new AssertionError("the child did not exit within " + guard + "; stderr:\n" + stderr());
    }
    return process.exitValue();
  }

  /** SIGTERM: what {@code docker stop} and Kubernetes send; shutdown hooks run. */
  public void terminate() {
    process.destroy();
  }

  /** kill -9: no shutdown hook, no finally, nothing flushed. */
  public void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
  }

  public boolean alive() {
    return process.isAlive();
  }

  public long pid() {
    return process.pid();
  }

  public String stdout() {
    return read(stdout);
  }

  public String stderr() {
    return read(stderr);
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(unreadable: " + e + ")";
    }
  }

  /** Kills the child if it still runs. */
  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      kill();
    }
  }
}
