package dev.modmirror.embedded.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.minio.BucketExistsArgs;
import io.minio.GetObjectArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import io.minio.ObjectWriteResponse;
import io.minio.PutObjectArgs;
import io.minio.errors.ErrorResponseException;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
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

  /**
   * Separate clients race conditional PUTs on one key, round after round: exactly one may win each
   * round, for {@code If-None-Match: *} (create) and for {@code If-Match} (replace what was read).
   * S3Proxy alone lets several {@code If-Match} writers win most rounds.
   */
  @Test
  void conditionalPutsHaveExactlyOneWinnerAmongConcurrentClients() throws Exception {
    try (EmbeddedS3 s3 = timedStart("race", "k", "s")) {
      List<MinioClient> clients = new ArrayList<>();
      for (int i = 0; i < WRITERS; i++) {
        clients.add(client(s3, "s"));
      }
      clients.get(0).makeBucket(MakeBucketArgs.builder().bucket("race").build());
      for (int round = 0; round < 8; round++) {
        String created = "created-" + round;
        assertThat(race(clients, created, Map.of("If-None-Match", "*")))
            .as("If-None-Match winners, round %d", round)
            .isEqualTo(1);
        String etag = put(clients.get(0), "replaced-" + round, "base", Map.of()).etag();
        assertThat(race(clients, "replaced-" + round, Map.of("If-Match", etag)))
            .as("If-Match winners, round %d", round)
            .isEqualTo(1);
      }
    }
  }

  private static final int WRITERS = 8;

  private static int race(List<MinioClient> clients, String key, Map<String, String> condition)
      throws Exception {
    AtomicInteger won = new AtomicInteger();
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(clients.size());
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int i = 0; i < clients.size(); i++) {
        MinioClient client = clients.get(i);
        String body = "writer " + i;
        done.add(
            pool.submit(
                () -> {
                  start.await();
                  try {
                    put(client, key, body, condition);
                    won.incrementAndGet();
                  } catch (ErrorResponseException e) {
                    assertThat(e.response().code()).isEqualTo(412);
                  }
                  return null;
                }));
      }
      start.countDown();
      for (Future<?> f : done) {
        f.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    return won.get();
  }

  private static ObjectWriteResponse put(
      MinioClient client, String key, String body, Map<String, String> headers) throws Exception {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    return client.putObject(
        PutObjectArgs.builder().bucket("race").object(key).stream(
                new ByteArrayInputStream(bytes), bytes.length, -1)
            .headers(headers)
            .build());
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
