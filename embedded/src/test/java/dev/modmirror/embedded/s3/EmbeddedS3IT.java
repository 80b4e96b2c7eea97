package dev.modmirror.embedded.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.minio.BucketExistsArgs;
import io.minio.GetObjectArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.errors.ErrorResponseException;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedS3IT {
  @TempDir Path dir;

  @Test
  void twoServersEachAcceptOnlyTheirOwnCredentials() throws Exception {
    try (EmbeddedS3 east = timedStart("east", "east-key", "east-secret");
        EmbeddedS3 west = timedStart("west", "west-key", "west-secret")) {
      assertThat(east.endpoint().getPort()).isNotEqualTo(west.endpoint().getPort());

      MinioClient eastClient = client(east, east.secretKey());
      eastClient.makeBucket(MakeBucketArgs.builder().bucket("mods").build());
      byte[] body = "hello".getBytes(StandardCharsets.UTF_8);
      eastClient.putObject(
          PutObjectArgs.builder().bucket("mods").object("a/@v/list").stream(
                  new ByteArrayInputStream(body), body.length, -1)
              .build());
      try (InputStream in =
          eastClient.getObject(
              GetObjectArgs.builder().bucket("mods").object("a/@v/list").build())) {
        assertThat(in.readAllBytes()).isEqualTo(body);
      }

      // The other region is a separate store with its own keys.
      MinioClient westClient = client(west, west.secretKey());
      assertThat(westClient.bucketExists(BucketExistsArgs.builder().bucket("mods").build()))
          .isFalse();

      assertThatThrownBy(
              () ->
                  client(east, "wrong-secret")
                      .bucketExists(BucketExistsArgs.builder().bucket("mods").build()))
          .isInstanceOf(ErrorResponseException.class)
          .extracting(e -> ((ErrorResponseException) e).errorResponse().code())
          .asString()
          .matches("AccessDenied|SignatureDoesNotMatch|InvalidAccessKeyId");
    }
  }

  @Test
  void keepsObjectsAcrossRestartOnTheSameDirectory() throws Exception {
    try (EmbeddedS3 s3 = timedStart("kept", "k", "s")) {
      client(s3, "s").makeBucket(MakeBucketArgs.builder().bucket("kept").build());
    }
    try (EmbeddedS3 s3 = timedStart("kept", "k", "s")) {
      assertThat(client(s3, "s").bucketExists(BucketExistsArgs.builder().bucket("kept").build()))
          .isTrue();
    }
  }

  private EmbeddedS3 timedStart(String name, String key, String secret) {
    long t0 = System.nanoTime();
    EmbeddedS3 s3 = EmbeddedS3.start(dir.resolve(name), key, secret);
    System.out.printf(
        "EmbeddedS3 %s start: %d ms%n",
        name, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
    return s3;
  }

  private static MinioClient client(EmbeddedS3 s3, String secret) {
    return MinioClient.builder()
        .endpoint(s3.endpoint().toString())
        .credentials(s3.accessKey(), secret)
        .region("us-east-1")
        .build();
  }
}
