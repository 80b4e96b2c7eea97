package dev.modmirror.testkit.s3;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

class S3FixtureIT {
  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void startsDistinctServersWithDistinctCredentials() {
    S3Server east = TestS3.newServer("east");
    S3Server west = TestS3.newServer("west");

    assertThat(east.endpoint()).isNotEqualTo(west.endpoint());
    assertThat(east.accessKey()).startsWith("east-").isNotEqualTo(west.accessKey());
    assertThat(east.secretKey()).isNotEqualTo(west.secretKey());
    assertThat(east.toString()).doesNotContain(east.secretKey());
  }

  @Test
  void rejectsUnsignedRequests() throws Exception {
    S3Server server = TestS3.newServer("anon");
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(server.endpoint().resolve("/")).GET().build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(response.body()).contains("AccessDenied");
  }
}
