package dev.modmirror.deploy.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modmirror.adapters.kafka.KafkaBusConfig;
import dev.modmirror.adapters.kafka.KafkaEventBus;
import dev.modmirror.core.config.Settings;
import dev.modmirror.core.event.Topics;
import dev.modmirror.ingest.IngestConfig;
import dev.modmirror.testkit.TempDirs;
import dev.modmirror.testkit.kafka.TestKafka;
import dev.modmirror.testkit.kafka.TopicRecords;
import io.opentelemetry.api.OpenTelemetry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Issue 13's webhook flood: 400 distinct tag pushes from 16 senders at once, far above the
 * per-provider rate (10/s, burst 50). Every delivery is answered 202 or 429, some are refused, and
 * every accepted one is published: its version on the request topic exactly once and forwarded to
 * the urgent lane exactly once. A refused one publishes nothing (its sender delivers it again).
 */
class WebhookFloodIT {
  private static final String TOKEN = "flood-it-token";
  private static final int DELIVERIES = 400;
  private final String run = UUID.randomUUID().toString().substring(0, 8);
  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void aFloodIsAnswered429AndNoAcceptedDeliveryIsLost() throws Exception {
    Path state = TempDirs.create("flood-it-");
    KafkaBusConfig kafka = KafkaBusConfig.of(TestKafka.bootstrapServers(), "flood-it");
    Map<String, Integer> status = new ConcurrentHashMap<>();
    try (KafkaEventBus bus = KafkaEventBus.create(kafka, OpenTelemetry.noop());
        IngestService service =
            IngestService.start(
                kafka,
                config(state),
                bus,
                () -> null,
                () -> null,
                OpenTelemetry.noop(),
                Clock.systemUTC())) {
      int port = service.port();
      awaitReady(port);
      ExecutorService senders = Executors.newFixedThreadPool(16);
      List<Future<?>> sent = new ArrayList<>();
      for (int i = 0; i < DELIVERIES; i++) {
        int n = i;
        sent.add(senders.submit(() -> status.put(key(n), push(port, n))));
      }
      for (Future<?> f : sent) {
        f.get();
      }
      senders.shutdown();

      assertThat(Set.copyOf(status.values())).as("every answer").isSubsetOf(Set.of(202, 429));
      Set<String> accepted = keysWith(status, 202);
      assertThat(keysWith(status, 429)).as("refused above the rate").isNotEmpty();
      assertThat(accepted).as("accepted within the burst").hasSizeGreaterThanOrEqualTo(50);

      long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
      while (mine(Topics.WARM_URGENT.name()).size() < accepted.size()
          && System.nanoTime() < deadline) {
        Thread.sleep(250);
      }
      List<String> requested = mine(Topics.REQUESTS.name());
      List<String> forwarded = mine(Topics.WARM_URGENT.name());
      assertThat(requested).as("requests published").containsExactlyInAnyOrderElementsOf(accepted);
      assertThat(forwarded)
          .as("forwarded to the urgent lane")
          .containsExactlyInAnyOrderElementsOf(accepted);
    } finally {
      TempDirs.deleteTree(state);
    }
  }

  private String key(int n) {
    return "flood.example/" + run + "/m" + n + "@v1.0.0";
  }

  private int push(int port, int n) {
    String body =
        "{\"repository\":\"https://flood.example/"
            + run
            + "/m"
            + n
            + "\",\"ref\":\"refs/tags/v1.0.0\",\"after\":\""
            + "ab".repeat(20)
            + "\",\"delivery\":\"flood-"
            + run
            + "-"
            + n
            + "\"}";
    try {
      return http.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/hooks/generic"))
                  .header("Authorization", "Bearer " + TOKEN)
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofString(body))
                  .build(),
              HttpResponse.BodyHandlers.discarding())
          .statusCode();
    } catch (Exception e) {
      return -1;
    }
  }

  private List<String> mine(String topic) {
    return TopicRecords.readAll(TestKafka.bootstrapServers(), topic).stream()
        .map(TopicRecords.Seen::key)
        .filter(k -> k.startsWith("flood.example/" + run + "/"))
        .toList();
  }

  private static Set<String> keysWith(Map<String, Integer> status, int code) {
    return status.entrySet().stream()
        .filter(e -> e.getValue() == code)
        .map(Map.Entry::getKey)
        .collect(Collectors.toSet());
  }

  private IngestConfig config(Path state) {
    Map<String, String> env = new HashMap<>();
    env.put("MODMIRROR_WEBHOOK_GENERIC_TOKEN", TOKEN);
    env.put("MODMIRROR_INGEST_INDEX_ENABLED", "false");
    env.put("MODMIRROR_PREFETCH_ENABLED", "false");
    env.put("MODMIRROR_INGEST_HTTP_HOST", "127.0.0.1");
    env.put("MODMIRROR_INGEST_HTTP_PORT", "0");
    env.put("MODMIRROR_INGEST_STATE_DIR", state.toString());
    Settings s = Settings.fromEnvironment(env);
    IngestConfig config = IngestConfig.from(s);
    s.validate();
    return config;
  }

  private void awaitReady(int port) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    while (System.nanoTime() < deadline) {
      try {
        int code =
            http.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/readyz"))
                        .build(),
                    HttpResponse.BodyHandlers.discarding())
                .statusCode();
        if (code == 200) {
          return;
        }
      } catch (Exception e) {
        // not listening yet
      }
      Thread.sleep(200);
    }
    throw new AssertionError("ingest not ready in 90 s");
  }
}
