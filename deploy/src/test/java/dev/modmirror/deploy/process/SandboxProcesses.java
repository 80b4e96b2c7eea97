package dev.modmirror.deploy.process;

import dev.modmirror.deploy.sandbox.EnvFile;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@code modmirror sandbox} in a process of its own, and the services started beside it as
 * production starts them: each a JVM reading the sandbox's env file (plus what a test adds).
 * Closing stops the services, newest first, then the sandbox.
 */
public final class SandboxProcesses implements AutoCloseable {
  private static final Duration START = Duration.ofMinutes(2);

  private final Path logs;
  private final Map<String, String> env;
  private final List<ServiceProcess> started = new ArrayList<>();

  private SandboxProcesses(Path logs, Map<String, String> env, ServiceProcess sandbox) {
    this.logs = logs;
    this.env = env;
    started.add(sandbox);
  }

  /**
   * Starts the sandbox with two regions under {@code work} and waits until it is ready.
   *
   * @param extra more variables for every service (upstream, OTEL_*, spool directories)
   */
  public static SandboxProcesses start(Path work, Map<String, String> extra)
      throws IOException, InterruptedException {
    Path logs = work.resolve("logs");
    Path envFile = work.resolve("sandbox.env");
    ServiceProcess sandbox =
        ServiceProcess.start(
            "sandbox",
            logs,
            Map.of(),
            "sandbox",
            "--regions",
            "2",
            "--data-dir",
            work.resolve("servers").toString(),
            "--env-file",
            envFile.toString());
    try {
      sandbox.awaitLine(Pattern.compile("^# sandbox ready"), START);
    } catch (AssertionError | IOException | InterruptedException e) {
      sandbox.close();
      throw e;
    }
    Map<String, String> env = new HashMap<>(EnvFile.read(envFile));
    env.putAll(extra);
    return new SandboxProcesses(logs, env, sandbox);
  }

  /** Every service's variables: the sandbox's settings and the test's additions. */
  public Map<String, String> env() {
    return Map.copyOf(env);
  }

  /** Starts {@code modmirror args…} with the shared variables and {@code more}. */
  public ServiceProcess start(String name, Map<String, String> more, String... args)
      throws IOException {
    Map<String, String> all = new HashMap<>(env);
    all.putAll(more);
    ServiceProcess process = ServiceProcess.start(name, logs, all, args);
    started.add(process);
    return process;
  }

  /**
   * Starts the ingest service for its dedupe stage only (no index follower, no nightly prefetch,
   * HTTP on a free loopback port): the warm lanes are fed through it, as in production.
   */
  public ServiceProcess startIngestService(Path stateDir) throws IOException {
    return start(
        "ingest",
        Map.of(
            "MODMIRROR_INGEST_INDEX_ENABLED", "false",
            "MODMIRROR_PREFETCH_ENABLED", "false",
            "MODMIRROR_INGEST_HTTP_HOST", "127.0.0.1",
            "MODMIRROR_INGEST_HTTP_PORT", "0",
            "MODMIRROR_INGEST_STATE_DIR", stateDir.toString()),
        "ingest");
  }

  @Override
  public void close() throws InterruptedException {
    for (int i = started.size() - 1; i >= 0; i--) {
      started.get(i).close();
    }
  }
}
