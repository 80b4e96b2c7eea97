package dev.modmirror.testkit.s3;

import java.net.URI;
import java.util.Objects;

/**
 * A running S3-compatible server, as a test sees it.
 *
 * @param name the name the test gave it (a region name, say)
 * @param endpoint base URL, path-style addressing
 * @param accessKey the only access key the server accepts
 * @param secretKey its secret
 */
public record S3Server(String name, URI endpoint, String accessKey, String secretKey) {
  public S3Server {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(endpoint, "endpoint");
    Objects.requireNonNull(accessKey, "accessKey");
    Objects.requireNonNull(secretKey, "secretKey");
  }

  @Override
  public String toString() {
    // Never print the secret, even in test output.
    return "S3Server[" + name + " " + endpoint + " key=" + accessKey + "]";
  }
}
