package dev.modmirror.deploy.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A bench's server in a process of its own, one of the Go programs beside these classes, which
 * print {@code using port: N} on stderr once they listen on a loopback port: started, found, its
 * CPU and memory read, stopped.
 */
final class GoServerProcess implements AutoCloseable {
  private static final Pattern PORT = Pattern.compile("using port: (\\d+)");
  private static final long START_SECONDS = 60;

  private final Process process;
  private final URI endpoint;

  private GoServerProcess(Process process, URI endpoint) {
    this.process = process;
    this.endpoint = endpoint;
  }

  /**
   * Starts {@code binary} with {@code args} and returns once it listens; its stderr goes to {@code
   * log}.
   *
   * @throws IllegalStateException if it does not name its port within a minute
   */
  static GoServerProcess start(Path binary, List<String> args, Path log)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(binary.toString());
    command.addAll(args);
    Process p = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    p.getOutputStream().close();
    CompletableFuture<Integer> port = new CompletableFuture<>();
    Thread reader =
        new Thread(() -> readLog(p.getErrorStream(), log, port), binary.getFileName() + "-log");
    reader.setDaemon(true);
    reader.start();
    try {
      int bound = port.get(START_SECONDS, TimeUnit.SECONDS);
      return new GoServerProcess(p, URI.create("http://127.0.0.1:" + bound));
    } catch (ExecutionException | TimeoutException e) {
      p.destroyForcibly();
      // Its log is in the bench's data dir, which goes with the bench: say what it said.
      String said = Files.exists(log) ? Files.readString(log).strip() : "";
      throw new IllegalStateException(binary.getFileName() + " did not start: " + said, e);
    }
  }

  /** Copies the server's log to {@code log}, completing {@code port} when it names its port. */
  private static void readLog(InputStream stream, Path log, CompletableFuture<Integer> port) {
    try (BufferedReader in =
            new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8));
        var out = Files.newBufferedWriter(log)) {
      for (String line; (line = in.readLine()) != null; ) {
        out.write(line);
        out.newLine();
        out.flush();
        Matcher m = PORT.matcher(line);
        if (m.find()) {
          port.complete(Integer.parseInt(m.group(1)));
        }
      }
    } catch (IOException e) {
      port.completeExceptionally(e);
    }
    port.completeExceptionally(new IllegalStateException("the server ended"));
  }

  URI endpoint() {
    return endpoint;
  }

  /** The server's CPU so far (user and system), in nanoseconds; 0 where /proc cannot tell. */
  long cpuNanos() {
    return Measure.processCpuNanos(process.pid());
  }

  /** The server's peak resident memory ({@code VmHWM}) in MiB, or -1 where /proc cannot tell. */
  long peakRssMib() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", "" + process.pid(), "status"))) {
        if (line.startsWith("VmHWM:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) >> 10;
        }
      }
    } catch (IOException | NumberFormatException e) {
      // Not Linux, or gone: the number is informative only.
    }
    return -1;
  }

  /** Stops the server (SIGTERM, then SIGKILL). */
  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }
}
