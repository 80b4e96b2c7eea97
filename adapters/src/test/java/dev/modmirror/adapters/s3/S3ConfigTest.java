package dev.modmirror.adapters.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modmirror.core.error.InvalidInputException;
import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class S3ConfigTest {
  private static final URI ENDPOINT = URI.create("http://127.0.0.1:9000");

  @Test
  void defaultsTheRegionAndHidesTheSecret() {
    S3Config config = new S3Config(ENDPOINT, "key", "s3cr3t", "modmirror-primary", null);

    assertThat(config.region()).isEqualTo("us-east-1");
    assertThat(config.toString()).doesNotContain("s3cr3t").contains("modmirror-primary");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "ab",
        "UpperCase",
        "under_score",
        "-leading",
        "trailing-",
        "two..dots",
        "dot.-dash",
        "192.168.1.1",
        "xn--punycode",
        "name-s3alias"
      })
  void rejectsBucketNamesS3Rejects(String bucket) {
    assertThatThrownBy(() -> new S3Config(ENDPOINT, "key", "secret", bucket, "eu"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("bucket name '" + bucket + "'");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "abc",
        "modmirror-eu-west.1",
        "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
      })
  void acceptsValidBucketNames(String bucket) {
    assertThat(new S3Config(ENDPOINT, "key", "secret", bucket, "eu").bucket()).isEqualTo(bucket);
  }

  @Test
  void reportsEveryProblemAtOnce() {
    assertThatThrownBy(() -> new S3Config(URI.create("ftp://host/"), " ", "", "B", null))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("ftp://host/")
        .hasMessageContaining("access key is empty")
        .hasMessageContaining("secret key is empty")
        .hasMessageContaining("bucket name 'B'");
    assertThatThrownBy(
            () -> new S3Config(URI.create("http://host:9000/bucket"), "k", "s", "abc", null))
        .hasMessageContaining("has a path");
    assertThatThrownBy(() -> new S3Config(null, "k", "s", "abc", null))
        .hasMessageContaining("endpoint is missing");
  }
}
