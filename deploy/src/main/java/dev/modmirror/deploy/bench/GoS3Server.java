package dev.modmirror.deploy.bench;

import dev.modmirror.gotool.GoPrograms;
import dev.modmirror.gotool.GoToolchain;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * An S3 server in a process of its own, for the benches whose measured JVM must not hold it:
 * gofakes3 (github.com/johannesboyne/gofakes3 v1.2.0, MIT) with its in-memory backend, through the
 * small command beside this class ({@code s3server/main.go}, its changes to gofakes3 listed there).
 * Its objects sit in a skip list sorted by key, so a page of a listing, with or without a prefix,
 * costs a seek and the page whatever the bucket's size (S3Proxy's file-system store walks the whole
 * bucket for every page), and its conditional PUTs are checked and written under one lock (the
 * store's start-up probe passes). It accepts any credentials (signatures are not checked) and keeps
 * nothing after it stops. Started with a latency, it answers every request that much later (a sleep
 * in the server, no CPU), as an S3 endpoint that far away would, to every client alike.
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
  private static final long BUILD_MINUTES = 15;

  private final GoServerProcess server;
  private final String bucket;

  private GoS3Server(GoServerProcess server, String bucket) {
    this.server = server;
    this.bucket = bucket;
  }

  /**
   * Builds the server if needed, starts it on a free loopback port with {@code bucket} created, and
   * returns once it listens; its log goes to {@code log}.
   *
   * @throws IllegalStateException if the build fails or the server does not start within a minute
   */
  static GoS3Server start(String bucket, Path log) throws IOException, InterruptedException {
    return start(bucket, Duration.ZERO, log);
  }

  /**
   * As {@link #start(String, Path)}, every request answered {@code latency} after it arrived.
   *
   * @throws IllegalArgumentException if {@code latency} is negative
   */
  static GoS3Server start(String bucket, Duration latency, Path log)
      throws IOException, InterruptedException {
    if (latency.isNegative()) {
      throw new IllegalArgumentException("negative latency: " + latency);
    }
    return new GoS3Server(
        GoServerProcess.start(
            binary(),
            List.of(
                "-host", "127.0.0.1:0", "-bucket", bucket, "-latency", latency.toMillis() + "ms"),
            log),
        bucket);
  }

  URI endpoint() {
    return server.endpoint();
  }

  String bucket() {
    return bucket;
  }

  /** The server's CPU so far (user and system), in nanoseconds; 0 where /proc cannot tell. */
  long cpuNanos() {
    return server.cpuNanos();
  }

  /** The server's peak resident memory ({@code VmHWM}) in MiB, or -1 where /proc cannot tell. */
  long peakRssMib() {
    return server.peakRssMib();
  }

  /** Stops the server (SIGTERM, then SIGKILL); its objects are gone. */
  @Override
  public void close() throws InterruptedException {
    server.close();
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
