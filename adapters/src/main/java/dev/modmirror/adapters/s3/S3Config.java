package dev.modmirror.adapters.s3;

import dev.modmirror.core.error.InvalidInputException;
import dev.modmirror.core.store.AthensLayout;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Where one bucket lives and how to sign requests to it.
 *
 * @param endpoint the S3 API base URL, {@code http(s)://host[:port]}; path-style addressing
 * @param accessKey the access key id
 * @param secretKey the secret; never printed ({@link #toString()} hides it)
 * @param bucket the bucket name, by the S3 naming rules
 * @param region the signing region; {@code us-east-1} when null or blank
 * @param allowUnsafeCas run on a store that does not honour conditional writes atomically (see
 *     {@link ConditionalWrites}): the adapters then serialize them in this process only, which is
 *     safe for a single writer process and nothing more; false refuses such a store at start-up
 * @param athensLayouts the layouts of Athens' storage the bucket also carries, for an Athens
 *     pointed at it; empty for the GOPROXY tree alone
 * @param timeout the longest wait for a connection, and between two bytes read or written, on one
 *     S3 request (the MinIO SDK's default is five minutes each, which a hung endpoint turns into a
 *     stalled version); {@link #DEFAULT_TIMEOUT} when null
 */
public record S3Config(
    URI endpoint,
    String accessKey,
    String secretKey,
    String bucket,
    String region,
    boolean allowUnsafeCas,
    List<AthensLayout> athensLayouts,
    Duration timeout) {
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

  private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
  private static final Pattern IP_ADDRESS = Pattern.compile("\\d+\\.\\d+\\.\\d+\\.\\d+");
  private static final String DEFAULT_REGION = "us-east-1";

  /** A bucket on a store that must honour conditional writes. */
  public S3Config(URI endpoint, String accessKey, String secretKey, String bucket, String region) {
    this(endpoint, accessKey, secretKey, bucket, region, false, List.of(), DEFAULT_TIMEOUT);
  }

  /**
   * @throws InvalidInputException listing every problem at once
   */
  public S3Config {
    region = region == null || region.isBlank() ? DEFAULT_REGION : region;
    athensLayouts = athensLayouts == null ? List.of() : List.copyOf(athensLayouts);
    timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
    List<String> problems = new ArrayList<>();
    if (timeout.isNegative() || timeout.isZero()) {
      problems.add("timeout must be positive, got " + timeout);
    }
    checkEndpoint(endpoint, problems);
    if (accessKey == null || accessKey.isBlank()) {
      problems.add("access key is empty");
    }
    if (secretKey == null || secretKey.isEmpty()) {
      problems.add("secret key is empty");
    }
    checkBucket(bucket, problems);
    if (!problems.isEmpty()) {
      throw new InvalidInputException("S3 config: " + String.join("; ", problems));
    }
  }

  private static void checkEndpoint(URI endpoint, List<String> problems) {
    if (endpoint == null) {
      problems.add("endpoint is missing");
      return;
    }
    String scheme = endpoint.getScheme();
    if (!("http".equals(scheme) || "https".equals(scheme)) || endpoint.getHost() == null) {
      problems.add("endpoint " + endpoint + " is not an http(s) URL with a host");
    } else if (endpoint.getRawPath() != null && !endpoint.getRawPath().replace("/", "").isEmpty()) {
      problems.add("endpoint " + endpoint + " has a path; give the server's base URL only");
    }
  }

  private static void checkBucket(String bucket, List<String> problems) {
    if (bucket == null || !BUCKET.matcher(bucket).matches()) {
      problems.add(
          "bucket name '"
              + bucket
              + "' must be 3-63 characters of lower-case letters, digits, dots and hyphens,"
              + " starting and ending with a letter or digit");
    } else if (bucket.contains("..") || bucket.contains(".-") || bucket.contains("-.")) {
      problems.add("bucket name '" + bucket + "' has adjacent dots or a dot next to a hyphen");
    } else if (IP_ADDRESS.matcher(bucket).matches()) {
      problems.add("bucket name '" + bucket + "' looks like an IP address");
    } else if (bucket.startsWith("xn--") || bucket.endsWith("-s3alias")) {
      problems.add("bucket name '" + bucket + "' uses a reserved prefix or suffix");
    }
  }

  /** This bucket, allowed (or not) on a store without atomic conditional writes. */
  public S3Config withUnsafeCas(boolean allow) {
    return new S3Config(
        endpoint, accessKey, secretKey, bucket, region, allow, athensLayouts, timeout);
  }

  /** This bucket, also carrying {@code layouts} of Athens' storage. */
  public S3Config withAthensLayouts(List<AthensLayout> layouts) {
    return new S3Config(
        endpoint, accessKey, secretKey, bucket, region, allowUnsafeCas, layouts, timeout);
  }

  /** This bucket, with {@code perRequest} as its S3 requests' timeout. */
  public S3Config withTimeout(Duration perRequest) {
    return new S3Config(
        endpoint, accessKey, secretKey, bucket, region, allowUnsafeCas, athensLayouts, perRequest);
  }

  @Override
  public String toString() {
    return "S3Config[endpoint="
        + endpoint
        + ", accessKey="
        + accessKey
        + ", secretKey=***, bucket="
        + bucket
        + ", region="
        + region
        + (allowUnsafeCas ? ", allowUnsafeCas" : "")
        + (athensLayouts.isEmpty()
            ? ""
            : ", athensLayouts=" + athensLayouts.stream().map(AthensLayout::name).toList())
        + ", timeout="
        + timeout
        + "]";
  }
}
