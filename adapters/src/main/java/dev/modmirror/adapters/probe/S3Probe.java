package dev.modmirror.adapters.probe;

import dev.modmirror.adapters.s3.S3Config;
import io.minio.BucketExistsArgs;
import io.minio.GetObjectArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.RemoveObjectArgs;
import io.minio.errors.ErrorResponseException;
import io.minio.errors.ServerException;
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
    } catch (ServerException e) {
      // A 5xx without an S3 error body (a HEAD's answer has none): the store is there but not
      // serving, which is waited for like no answer at all, not reported as a wrong setting.
      return notServing(where, "HTTP " + e.statusCode());
    } catch (ErrorResponseException e) {
      String code = e.errorResponse().code();
      if (e.response() != null && e.response().code() >= 500) {
        return notServing(where, "HTTP " + e.response().code() + " " + code);
      }
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
          "the endpoint answered, but not as an S3 API does: check that the _ENDPOINT setting"
              + " names the store's S3 API");
    }
  }

  private static Probe notServing(String where, String answer) {
    return Probe.unreachable(
        where + ": answers " + answer + ", not serving yet",
        "the store is up but unavailable; check its health if this lasts");
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
