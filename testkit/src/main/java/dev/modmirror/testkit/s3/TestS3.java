package dev.modmirror.testkit.s3;

import dev.modmirror.embedded.s3.EmbeddedS3;
import dev.modmirror.testkit.ServerChoice;
import dev.modmirror.testkit.TempDirs;
import java.net.URI;
import java.nio.file.Path;
import java.util.UUID;
import org.testcontainers.containers.MinIOContainer;

/**
 * Starts real S3-compatible servers for tests: a MinIO container ({@value #IMAGE}) when {@link
 * ServerChoice#useContainers()}, otherwise an embedded S3Proxy over a temporary directory. Every
 * call starts a new, empty server with its own credentials; all are stopped at JVM exit.
 */
public final class TestS3 {
  /** The pinned MinIO image for the Testcontainers branch. */
  public static final String IMAGE = "minio/minio:RELEASE.2025-04-22T22-12-26Z";

  private TestS3() {}

  /**
   * Starts a new server.
   *
   * @param name a label for messages, and part of the access key
   * @throws IllegalStateException if the server cannot start: tests needing S3 then fail, they are
   *     never skipped
   */
  public static S3Server newServer(String name) {
    String accessKey = name + "-" + UUID.randomUUID().toString().substring(0, 8);
    String secretKey = UUID.randomUUID().toString().replace("-", "");
    String mode = ServerChoice.label();
    try {
      return ServerChoice.useContainers()
          ? startContainer(name, accessKey, secretKey)
          : startEmbedded(name, accessKey, secretKey);
    } catch (RuntimeException e) {
      throw new IllegalStateException(
          "TestS3: the "
              + mode
              + " S3 server '"
              + name
              + "' could not start; tests that need S3 fail rather than skip."
              + " Set -D"
              + ServerChoice.PROPERTY
              + "=true|false to choose the other kind. Cause: "
              + e,
          e);
    }
  }

  /**
   * Starts an embedded server that ignores the conditional headers of PUTs (as some S3-compatible
   * stores do), for tests of how modmirror treats such a store. Always embedded: MinIO honours
   * them.
   */
  public static S3Server newServerIgnoringConditionalWrites(String name) {
    String accessKey = name + "-" + UUID.randomUUID().toString().substring(0, 8);
    String secretKey = UUID.randomUUID().toString().replace("-", "");
    return startEmbedded(name, accessKey, secretKey, EmbeddedS3.Conditions.IGNORED);
  }

  private static S3Server startEmbedded(String name, String accessKey, String secretKey) {
    return startEmbedded(name, accessKey, secretKey, EmbeddedS3.Conditions.ATOMIC);
  }

  private static S3Server startEmbedded(
      String name, String accessKey, String secretKey, EmbeddedS3.Conditions conditions) {
    Path dir = TempDirs.create("modmirror-s3-");
    EmbeddedS3 s3 = EmbeddedS3.start(dir, accessKey, secretKey, conditions);
    onExit(
        () -> {
          s3.close();
          TempDirs.deleteTree(dir);
        });
    return new S3Server(name, s3.endpoint(), accessKey, secretKey);
  }

  @SuppressWarnings("resource") // stopped by the exit hook
  private static S3Server startContainer(String name, String accessKey, String secretKey) {
    MinIOContainer container =
        new MinIOContainer(IMAGE).withUserName(accessKey).withPassword(secretKey);
    container.start();
    onExit(container::stop);
    return new S3Server(name, URI.create(container.getS3URL()), accessKey, secretKey);
  }

  private static void onExit(Runnable action) {
    Runtime.getRuntime().addShutdownHook(new Thread(action, "tests3-stop"));
  }
}
