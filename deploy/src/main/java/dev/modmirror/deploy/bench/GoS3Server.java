package dev.modmirror.deploy.bench;

import dev.modmirror.gotool.GoPrograms;
import dev.modmirror.gotool.GoToolchain;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An S3 server in a process of its own, for the benches whose measured JVM must not hold it:
 * gofakes3 (github.com/johannesboyne/gofakes3 v1.2.0, MIT) with its in-memory backend, through the
 * small command beside this class ({@code s3server/main.go}, its changes to gofakes3 listed there).
 * Its objects sit in a skip list sorted by key, so a page of a listing, with or without a prefix,
 * costs a seek and the page whatever the bucket's size (S3Proxy's file-system store walks the whole
 * bucket for every page), and its conditional PUTs are checked and written under one lock (the
 * store's start-up probe passes). It accepts any credentials (signatures are not checked) and keeps
 * nothing after it stops.
 *
 * <p>The binary is built by the go command from that module ({@code s3server/go.mod}, {@code
 * go.sum}: every dependency's version and hash pinned) once per version of its sources, under
 * {@code ~/.cache/modmirror/s3server/<hash>} ({@link GoPrograms}, as the Go oracle is built): the
 * go command alone fetches modules, through the Go module proxy, into {@code
 * ~/.cache/modmirror/gomodcache}; later builds and every run are offline.
 */
final class GoS3Server implements AutoCloseable {
  private static final List<String> SOURCES =
      List.of(
          "go.mod",
          "go.sum",
          "main.go",
          "s3mem/backend.go",
          "s3mem/bucket.go",
          "s3mem/versionid.go",
          "s3mem/skipiter.go",
          "s3mem/readers.go");
  private static final Pattern PORT = Pattern.compile("using port: (\\d+)");
  private static final long BUILD_MINUTES = 15;
  private static final long START_SECONDS = 60;

  private final Process process;
  private final URI endpoint;
  private final String bucket;

  private GoS3Server(Process process, URI endpoint, String bucket) {
    this.process = process;
    this.endpoint = endpoint;
    this.bucket = bucket;
  }

  /**
   * Builds the server if needed, starts it on a free loopback port with {@code bucket} created, and
   * returns once it listens; its log goes to {@code log}.
   *
   * @throws IllegalStateException if the build fails or the server does not start within a minute
   */
  static GoS3Server start(String bucket, Path log) throws IOException, InterruptedException {
    Path binary = binary();
    Process p =
        new ProcessBuilder(binary.toString(), "-host", "127.0.0.1:0", "-bucket", bucket)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    p.getOutputStream().close();
    CompletableFuture<Integer> port = new CompletableFuture<>();
    Thread reader = new Thread(() -> readLog(p.getErrorStream(), log, port), "s3server-log");
    reader.setDaemon(true);
    reader.start();
    try {
      int bound = port.get(START_SECONDS, TimeUnit.SECONDS);
      return new GoS3Server(p, URI.create("http://127.0.0.1:" + bound), bucket);
    } catch (ExecutionException | TimeoutException e) {
      p.destroyForcibly();
      // Its log is in the bench's data dir, which goes with the bench: say what it said.
      String said = Files.exists(log) ? Files.readString(log).strip() : "";
      throw new IllegalStateException("the S3 server did not start: " + said, e);
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
    port.completeExceptionally(new IllegalStateException("the S3 server ended"));
  }

  URI endpoint() {
    return endpoint;
  }

  String bucket() {
    return bucket;
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

  /** Stops the server (SIGTERM, then SIGKILL); its objects are gone. */
  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }

  /** The server's binary, built by the go command when this version of the module has not been. */
  static Path binary() {
    return GoPrograms.build(
        GoToolchain.require(),
        GoS3Server.class,
        "s3server",
        SOURCES,
        "-mod=readonly",
        Duration.ofMinutes(BUILD_MINUTES));
  }
}
