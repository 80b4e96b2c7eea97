package dev.modmirror.adapters.probe;

import dev.modmirror.adapters.s3.S3Config;
import io.minio.BucketExistsArgs;
import io.minio.GetObjectArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.RemoveObjectArgs;
import io.minio.errors.ErrorResponseException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import okhttp3.OkHttpClient;

/**
 * Probes a bucket as the services use it: the endpoint answers, the credentials are accepted, the
 * bucket exists, and an object can be written, read back and deleted (under {@code
 * _modmirror/doctor/}, a prefix no module path can produce).
 */
public final class S3Probe {
  private static final Set<String> CREDENTIALS =
      Set.of("AccessDenied", "InvalidAccessKeyId", "SignatureDoesNotMatch", "InvalidToken");

  private S3Probe() {}

  /**
   * The endpoint answers: any S3 answer counts, a refusal included (nothing is written). What a
   * start-up waits for; a refusal is then the service's own to report.
   */
  public static Probe reachable(S3Config config, Duration timeout) {
    return probe(config, timeout, false);
  }

  /** As {@link #reachable}, then a write-read-delete of a probe object. */
  public static Probe writeReadDelete(S3Config config, Duration timeout) {
    return probe(config, timeout, true);
  }

  private static Probe probe(S3Config config, Duration timeout, boolean write) {
    MinioClient client = client(config, timeout);
    String where = config.endpoint() + " bucket " + config.bucket();
    try {
      if (!client.bucketExists(BucketExistsArgs.builder().bucket(config.bucket()).build())
          && write) {
        return Probe.failed(where + ": no such bucket", "create it, or fix the _BUCKET setting");
      }
      if (!write) {
        return Probe.ok(where);
      }
      String key = "_modmirror/doctor/" + UUID.randomUUID();
      byte[] body = ("modmirror doctor " + key).getBytes(StandardCharsets.UTF_8);
      client.putObject(
          PutObjectArgs.builder().bucket(config.bucket()).object(key).stream(
                  new ByteArrayInputStream(body), body.length, -1)
              .build());
      try (InputStream in =
          client.getObject(GetObjectArgs.builder().bucket(config.bucket()).object(key).build())) {
        if (!java.util.Arrays.equals(in.readAllBytes(), body)) {
          return Probe.failed(where + ": the probe object read back differs", "check the store");
        }
      } finally {
        client.removeObject(RemoveObjectArgs.builder().bucket(config.bucket()).object(key).build());
      }
      return Probe.ok(where + ", write-read-delete ok");
    } catch (ErrorResponseException e) {
      String code = e.errorResponse().code();
      if (!write) {
        // Reachability only: the store answered. What it refused is the service's to report.
        return Probe.ok(where + " answers (" + code + ")");
      }
      if (CREDENTIALS.contains(code)) {
        return Probe.failed(
            where + ": credentials refused (" + code + ")",
            "check the _ACCESS_KEY and _SECRET_KEY settings and the key's permissions");
      }
      return Probe.failed(where + ": " + code, "check the bucket's policy and the endpoint");
    } catch (IOException e) {
      return Probe.unreachable(
          where
              + ": "
              + e.getClass().getSimpleName()
              + (e.getMessage() == null ? "" : ": " + e.getMessage()),
          "check the _ENDPOINT setting and that the store is up and reachable from here");
    } catch (Exception e) {
      return Probe.failed(
          where
              + ": "
              + e.getClass().getSimpleName()
              + (e.getMessage() == null ? "" : ": " + e.getMessage()),
          "check the endpoint and its TLS settings");
    }
  }

  private static MinioClient client(S3Config config, Duration timeout) {
    OkHttpClient http =
        new OkHttpClient.Builder()
            .connectTimeout(timeout)
            .readTimeout(timeout)
            .writeTimeout(timeout)
            .callTimeout(timeout)
            .retryOnConnectionFailure(false)
            .build();
    return MinioClient.builder()
        .endpoint(config.endpoint().toString())
        .credentials(config.accessKey(), config.secretKey())
        .region(config.region())
        .httpClient(http)
        .build();
  }
}
