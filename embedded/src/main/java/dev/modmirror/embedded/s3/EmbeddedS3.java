package dev.modmirror.embedded.s3;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;

/**
 * An S3-compatible endpoint (S3Proxy) over a directory, on a free loopback port, accepting AWS
 * signature v2 and v4 with one access key and secret. Several may run in one JVM, each standing for
 * one region with its own credentials. Buckets are sub-directories of the given directory, so a
 * restart on the same directory sees the same objects. Conditional PUTs ({@code If-None-Match: *},
 * {@code If-Match}) are atomic, as on AWS S3 and MinIO ({@link AtomicConditionalWrites}).
 */
public final class EmbeddedS3 implements AutoCloseable {
  private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

  private final S3Proxy proxy;
  private final URI endpoint;
  private final String accessKey;
  private final String secretKey;
  private boolean closed;

  private EmbeddedS3(S3Proxy proxy, URI endpoint, String accessKey, String secretKey) {
    this.proxy = proxy;
    this.endpoint = endpoint;
    this.accessKey = accessKey;
    this.secretKey = secretKey;
  }

  /**
   * Starts S3Proxy over {@code dir} and returns once it serves requests.
   *
   * @param dir where buckets and objects are stored; created if absent
   * @throws IllegalStateException if the server does not reach STARTED
   */
  public static EmbeddedS3 start(Path dir, String accessKey, String secretKey) {
    return start(dir, accessKey, secretKey, Conditions.ATOMIC);
  }

  /** How the server treats conditional PUTs. */
  public enum Conditions {
    /** As AWS S3 and MinIO: {@code If-None-Match} and {@code If-Match} decided atomically. */
    ATOMIC,
    /**
     * As a store that ignores the conditional headers of a PUT and always writes: for tests of what
     * modmirror does on such a store (it refuses it unless told to run a single writer).
     */
    IGNORED
  }

  /**
   * As {@link #start(Path, String, String)}, with conditional PUTs treated as {@code conditions}
   * says.
   */
  public static EmbeddedS3 start(
      Path dir, String accessKey, String secretKey, Conditions conditions) {
    return start(dir, accessKey, secretKey, conditions, 0);
  }

  /**
   * As {@link #start(Path, String, String, Conditions)}, on a given loopback port: a region stopped
   * by {@link #close()} and started again over the same directory and port is the same endpoint to
   * its clients, as a restarted server is.
   *
   * @param port the port, or 0 for a free one
   */
  public static EmbeddedS3 start(
      Path dir, String accessKey, String secretKey, Conditions conditions, int port) {
    Objects.requireNonNull(accessKey, "accessKey");
    Objects.requireNonNull(secretKey, "secretKey");
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("embedded S3 cannot use " + dir, e);
    }
    S3Proxy proxy =
        S3Proxy.builder()
            .blobStore(blobStore(dir, conditions))
            .endpoint(URI.create("http://127.0.0.1:" + port))
            .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, accessKey, secretKey)
            // The default waits for clients' keep-alive connections and can hang on close.
            .stopTimeout(0)
            .build();
    try {
      proxy.start();
      awaitStarted(proxy);
    } catch (Exception e) {
      stopQuietly(proxy, e);
      throw new IllegalStateException("embedded S3 failed to start over " + dir, e);
    }
    URI endpoint = URI.create("http://127.0.0.1:" + proxy.getPort());
    return new EmbeddedS3(proxy, endpoint, accessKey, secretKey);
  }

  private static BlobStore blobStore(Path dir, Conditions conditions) {
    BlobStore files = new FilesystemNio2BlobStore(dir.toAbsolutePath().toString());
    return conditions == Conditions.ATOMIC
        ? new AtomicConditionalWrites(files)
        : new IgnoredConditionalWrites(files);
  }

  /** {@code http://127.0.0.1:<port>}; path-style addressing. */
  public URI endpoint() {
    return endpoint;
  }

  public String accessKey() {
    return accessKey;
  }

  public String secretKey() {
    return secretKey;
  }

  /** Stops the server; stored objects stay in the directory. Idempotent. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      proxy.stop();
    } catch (Exception e) {
      throw new IllegalStateException("embedded S3 at " + endpoint + " failed to stop", e);
    }
  }

  private static void awaitStarted(S3Proxy proxy) throws InterruptedException {
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (!"STARTED".equals(proxy.getState())) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "S3Proxy not STARTED after " + START_TIMEOUT + ": " + proxy.getState());
      }
      Thread.sleep(5);
    }
  }

  private static void stopQuietly(S3Proxy proxy, Exception cause) {
    try {
      proxy.stop();
    } catch (Exception e) {
      cause.addSuppressed(e);
    }
  }
}
