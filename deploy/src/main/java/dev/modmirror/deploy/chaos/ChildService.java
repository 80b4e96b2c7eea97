package dev.modmirror.deploy.chaos;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * One {@code modmirror} command in a JVM of its own, as production runs it (the launcher's main
 * class on this JVM's class path, test classes left out; only the given environment plus PATH and
 * HOME), that the chaos run kills with SIGKILL and starts again with the same command. Output of
 * every incarnation is appended to {@code <logs>/<name>.log}. The benches start their measured
 * service this way too ({@code bench serve-go}, {@code bench backlog}).
 */
public final class ChildService implements AutoCloseable {
  private static final String MAIN = "dev.modmirror.deploy.Launcher";

  private final String name;
  private final List<String> command;
  private final Map<String, String> env;
  private final Path log;
  private Process process;
  private int starts;
  // Whether the running or last incarnation was told to stop (kill, close), and whether its exit
  // without being told was already reported: an exit nobody asked for is reported once.
  private boolean told;
  private boolean exitReported;
  private long logOffset;

  public ChildService(String name, Map<String, String> env, Path logs, String... args) {
    this.name = name;
    this.env = Map.copyOf(env);
    this.log = logs.resolve(name + ".log");
    List<String> c = new ArrayList<>();
    c.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    // Small, quick JVMs: a dozen share two cores.
    c.addAll(List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xss512k"));
    // Heap after each collection, for the soak's slopes (a few lines a minute).
    c.add("-Xlog:gc:file=" + logs.resolve(name + ".gc.log") + ":uptime");
    c.addAll(List.of("-cp", classPath(), MAIN));
    c.addAll(List.of(args));
    this.command = List.copyOf(c);
    try {
      Files.createDirectories(logs);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + logs, e);
    }
  }

  public String name() {
    return name;
  }

  /** Starts the command (again). */
  public synchronized ChildService start() {
    if (process != null && process.isAlive()) {
      throw new IllegalStateException(name + " is running");
    }
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().clear();
    builder.environment().put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
    builder.environment().put("HOME", System.getProperty("user.home"));
    builder.environment().putAll(env);
    builder
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    try {
      logOffset = Files.exists(log) ? Files.size(log) : 0;
      process = builder.start();
      starts++;
      told = false;
      exitReported = false;
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + name, e);
    }
  }

  /** SIGKILL: no shutdown hook runs, nothing is flushed; returns once the process is gone. */
  synchronized void kill() throws InterruptedException {
    if (process != null) {
      // A process that had already exited on its own stays an exit nobody asked for.
      told |= process.isAlive();
      process.destroyForcibly();
      process.waitFor(60, TimeUnit.SECONDS);
    }
  }

  /** The running incarnation's process id, or -1. */
  public synchronized long pid() {
    return process != null && process.isAlive() ? process.pid() : -1;
  }

  /** The file the JVM logs its collections to (heap before and after each). */
  public Path gcLog() {
    return log.resolveSibling(name + ".gc.log");
  }

  public synchronized boolean alive() {
    return process != null && process.isAlive();
  }

  /** Exit code of the last incarnation, or -1 while it runs or before any. */
  synchronized int exitCode() {
    return process == null || process.isAlive() ? -1 : process.exitValue();
  }

  /** Waits for a one-shot command to end; -1 if it did not within {@code seconds}. */
  int awaitExit(long seconds) throws InterruptedException {
    Process p;
    synchronized (this) {
      p = process;
    }
    if (p == null || !p.waitFor(seconds, TimeUnit.SECONDS)) {
      return -1;
    }
    return p.exitValue();
  }

  /**
   * True once for an incarnation that has exited without being killed or closed (a crash, a fatal
   * stop), false otherwise: the caller reports it, and it is not reported again.
   */
  synchronized boolean takeExitNobodyAskedFor() {
    if (process == null || process.isAlive() || told || exitReported) {
      return false;
    }
    exitReported = true;
    return true;
  }

  /** Where the last incarnation's output starts in {@link #log()} (earlier ones come before). */
  synchronized long logOffset() {
    return logOffset;
  }

  synchronized int starts() {
    return starts;
  }

  public Path log() {
    return log;
  }

  /** SIGTERM, then SIGKILL if it does not stop within 30 s. */
  @Override
  public synchronized void close() throws InterruptedException {
    if (process != null && process.isAlive()) {
      told = true;
      process.destroy();
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    }
  }

  /** This JVM's class path without test classes (the services log with the production config). */
  private static String classPath() {
    return Stream.of(System.getProperty("java.class.path").split(File.pathSeparator))
        .filter(entry -> !entry.endsWith("test-classes"))
        .collect(Collectors.joining(File.pathSeparator));
  }
}
