package dev.modmirror.testkit.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FakeIndexIT {
  private final HttpClient http = HttpClient.newHttpClient();
  private final FakeIndex index = FakeIndex.start();

  @AfterEach
  void close() {
    index.close();
  }

  @Test
  void servesEntriesInTimestampOrderFromInclusiveSince() throws Exception {
    index.add(
        IndexEntry.of("example.com/c", "v1.0.0", "2026-01-01T00:00:03Z"),
        IndexEntry.of("example.com/a", "v1.0.0", "2026-01-01T00:00:01.000000001Z"),
        IndexEntry.of("example.com/b", "v1.0.0", "2026-01-01T00:00:02Z"));

    assertThat(lines("since=" + enc("2026-01-01T00:00:02Z")))
        .containsExactly(
            "{\"Path\":\"example.com/b\",\"Version\":\"v1.0.0\",\"Timestamp\":\"2026-01-01T00:00:02Z\"}",
            "{\"Path\":\"example.com/c\",\"Version\":\"v1.0.0\",\"Timestamp\":\"2026-01-01T00:00:03Z\"}");
    assertThat(lines("")).hasSize(3).first().asString().contains("00:00:01.000000001Z");
  }

  @Test
  void pagesWithLimitRepeatingEqualTimestampsAtTheBoundary() throws Exception {
    index.add(
        IndexEntry.of("example.com/a", "v1.0.0", "2026-01-01T00:00:01Z"),
        IndexEntry.of("example.com/b", "v1.0.0", "2026-01-01T00:00:01Z"),
        IndexEntry.of("example.com/c", "v1.0.0", "2026-01-01T00:00:02Z"));
    assertThat(lines("limit=2")).hasSize(2);
    assertThat(lines("since=" + enc("2026-01-01T00:00:01Z") + "&limit=2"))
        .extracting(l -> l.substring(9, 22))
        .containsExactly("example.com/a", "example.com/b");
  }

  @Test
  void capsLimitAt2000AndRejectsBadSince() throws Exception {
    Instant t = Instant.parse("2026-01-01T00:00:00Z");
    IndexEntry[] many = new IndexEntry[2100];
    for (int i = 0; i < many.length; i++) {
      many[i] = IndexEntry.of("example.com/m" + i, "v1.0.0", t.plusNanos(i).toString());
    }
    index.add(many);
    assertThat(lines("limit=5000")).hasSize(2000);
    assertThat(lines("")).hasSize(2000);
    assertThat(get("/index?since=never").statusCode()).isEqualTo(400);
    assertThat(get("/other").statusCode()).isEqualTo(404);
    assertThat(index.requests()).hasSize(4);
  }

  private List<String> lines(String query) throws Exception {
    HttpResponse<String> response = get("/index?" + query);
    assertThat(response.statusCode()).isEqualTo(200);
    return response.body().lines().toList();
  }

  private HttpResponse<String> get(String pathAndQuery) throws Exception {
    return http.send(
        HttpRequest.newBuilder(index.baseUrl().resolve(pathAndQuery)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
