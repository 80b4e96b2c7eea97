package dev.modmirror.deploy.bench;

import dev.modmirror.gotool.GoPrograms;
import dev.modmirror.gotool.GoToolchain;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * What {@link LatencyGoproxy} is, in a process of its own: a GOPROXY over a {@code file://} tree on
 * a loopback port, every request answered after a fixed delay ({@code goproxyserver/main.go}, Go's
 * net/http, the file sent with its length, anything unknown 404). The warm-go bench measures the
 * warmer's JVM; its upstream, 3 requests a version, would otherwise be part of that measurement.
 * Built by the go command once per version of its sources ({@link GoPrograms}; no dependency).
 */
final class GoLatencyGoproxy implements AutoCloseable {
  private static final List<String> SOURCES = List.of("go.mod", "main.go");

  private final GoServerProcess server;

  private GoLatencyGoproxy(GoServerProcess server) {
    this.server = server;
  }

  /**
   * Builds the server if needed and starts it over {@code tree}; its log goes to {@code log}.
   *
   * @throws IllegalStateException if the build fails or the server does not start within a minute
   */
  static GoLatencyGoproxy start(Path tree, Duration latency, Path log)
      throws IOException, InterruptedException {
    Path binary =
        GoPrograms.build(
            GoToolchain.require(),
            GoLatencyGoproxy.class,
            "goproxyserver",
            SOURCES,
            "-mod=readonly",
            Duration.ofMinutes(5));
    return new GoLatencyGoproxy(
        GoServerProcess.start(
            binary,
            List.of(
                "-host",
                "127.0.0.1:0",
                "-root",
                tree.toString(),
                "-latency",
                latency.toMillis() + "ms"),
            log));
  }

  URI baseUrl() {
    return server.endpoint();
  }

  /** Requests answered so far (asked of the server, which counts them). */
  long requests() {
    try (InputStream in = server.endpoint().resolve("/-/requests").toURL().openStream()) {
      return Long.parseLong(new String(in.readAllBytes(), StandardCharsets.US_ASCII).strip());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the bench upstream's request count", e);
    }
  }

  /** The server's CPU so far (user and system), in nanoseconds; 0 where /proc cannot tell. */
  long cpuNanos() {
    return server.cpuNanos();
  }

  @Override
  public void close() throws InterruptedException {
    server.close();
  }
}
