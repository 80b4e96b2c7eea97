package dev.modmirror.adapters.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modmirror.core.error.PermanentException;
import dev.modmirror.core.event.RequestSource;
import dev.modmirror.core.event.Topics;
import dev.modmirror.core.event.VersionRequested;
import dev.modmirror.core.index.FeedPosition;
import dev.modmirror.core.module.ModuleRef;
import dev.modmirror.testkit.kafka.TestKafka;
import dev.modmirror.testkit.kafka.TopicRecords;
import io.opentelemetry.api.OpenTelemetry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.IntStream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

class KafkaFeedLogIT {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00.000000001Z");
  private final String run = UUID.randomUUID().toString().substring(0, 8);

  private static KafkaBusConfig config() {
    return KafkaBusConfig.of(TestKafka.bootstrapServers(), "feedlog-it");
  }

  private VersionRequested request(int i) {
    return VersionRequested.of(
        ModuleRef.of("example.com/feedlog-" + run + "/m" + i, "v1.0.0"),
        RequestSource.INDEX,
        "index",
        T0);
  }

  private List<String> publishedKeys() {
    return TopicRecords.readAll(TestKafka.bootstrapServers(), Topics.REQUESTS.name()).stream()
        .map(TopicRecords.Seen::key)
        .filter(k -> k.contains("feedlog-" + run))
        .toList();
  }

  /**
   * The position once this log's own last transaction is visible (or what is visible after a hang
   * guard of 30 s). A read_committed reader sees a transaction once its commit markers are written,
   * which the broker does after answering the commit: read right after this process's own commit,
   * the position may still be the one before. (A restarted follower never meets this: its
   * producer's initTransactions waits for its predecessor's transaction to complete before the
   * position is read.)
   */
  private static Optional<FeedPosition> positionOnceVisible(
      KafkaFeedLog log, String feed, FeedPosition expected) {
    long giveUp = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    Optional<FeedPosition> position = log.position(feed);
    while (!position.equals(Optional.of(expected)) && System.nanoTime() < giveUp) {
      LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
      position = log.position(feed);
    }
    return position;
  }

  @Test
  void storesRequestsAndPositionTogetherAndReadsThePositionBack() {
    String feed = "feed-" + run;
    try (KafkaFeedLog log = KafkaFeedLog.create(config(), "tx-" + run, OpenTelemetry.noop())) {
      assertThat(log.position(feed)).isEmpty();
      log.append(feed, List.of(request(1), request(2)), new FeedPosition(T0, Set.of("a@v1.0.0")));
      log.append(feed, List.of(), new FeedPosition(T0.plusSeconds(1), Set.of()));

      FeedPosition expected = new FeedPosition(T0.plusSeconds(1), Set.of());
      assertThat(positionOnceVisible(log, feed, expected)).contains(expected);
    }
    try (KafkaFeedLog again = KafkaFeedLog.create(config(), "tx-" + run, OpenTelemetry.noop())) {
      assertThat(again.position(feed)).contains(new FeedPosition(T0.plusSeconds(1), Set.of()));
    }
    assertThat(publishedKeys()).hasSize(2);
  }

  @Test
  void aBatchOfPagesIsVisibleWholeWithItsLastPositionOrNotAtAll() {
    String feed = "feed-" + run;
    FeedPosition first = new FeedPosition(T0, Set.of());
    FeedPosition second = new FeedPosition(T0.plusSeconds(1), Set.of());
    try (KafkaFeedLog log = KafkaFeedLog.create(config(), "tx-" + run, OpenTelemetry.noop())) {
      log.add(feed, log.prepare(List.of(request(1), request(2))), first);
      log.add(feed, log.prepare(List.of(request(3))), second);
      log.commit().join();
      assertThat(positionOnceVisible(log, feed, second)).contains(second);
      // A batch left open when its follower dies (here: closed without commit) never shows.
      log.add(feed, log.prepare(List.of(request(4))), FeedPosition.startingAt(T0.plusSeconds(2)));
      log.add(feed, log.prepare(List.of(request(5))), FeedPosition.startingAt(T0.plusSeconds(3)));
    }
    try (KafkaFeedLog again = KafkaFeedLog.create(config(), "tx-" + run, OpenTelemetry.noop())) {
      assertThat(again.position(feed)).contains(second);
    }
    assertThat(publishedKeys())
        .containsExactlyInAnyOrder(
            request(1).ref().key(), request(2).ref().key(), request(3).ref().key());
  }

  @Test
  void aSecondFollowerFencesTheFirst() {
    String feed = "feed-" + run;
    try (KafkaFeedLog first = KafkaFeedLog.create(config(), "tx-" + run, OpenTelemetry.noop());
        KafkaFeedLog second = KafkaFeedLog.create(config(), "tx-" + run, OpenTelemetry.noop())) {
      assertThatThrownBy(() -> first.append(feed, List.of(request(1)), FeedPosition.startingAt(T0)))
          .isInstanceOf(PermanentException.class)
          .hasMessageContaining("another follower of this feed took over");
      second.append(feed, List.of(request(2)), FeedPosition.startingAt(T0.plusSeconds(1)));

      FeedPosition expected = FeedPosition.startingAt(T0.plusSeconds(1));
      assertThat(positionOnceVisible(second, feed, expected)).contains(expected);
    }
    assertThat(publishedKeys()).containsExactly(request(2).ref().key());
  }

  @Test
  void anUnreadableCheckpointIsSkippedAndTheLastReadableOneStands() throws Exception {
    String feed = "feed-" + run;
    FeedPosition good = new FeedPosition(T0.plusSeconds(5), Set.of("a@v1.0.0"));
    try (KafkaFeedLog log = KafkaFeedLog.create(config(), "tx-" + run, OpenTelemetry.noop())) {
      log.append(feed, List.of(request(1)), good);
      assertThat(positionOnceVisible(log, feed, good)).contains(good);
    }
    // Poison under the feed's own key, newest: a follower restarting now reads it last.
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers());
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
      byte[] key = feed.getBytes(StandardCharsets.UTF_8);
      for (String value : List.of("{\"schema\":1,\"since\":", "{\"schema\":9}", "\u0000\u00ff")) {
        producer
            .send(
                new ProducerRecord<>(
                    Topics.INDEX_CHECKPOINTS, key, value.getBytes(StandardCharsets.UTF_8)))
            .get();
      }
    }
    try (KafkaFeedLog again = KafkaFeedLog.create(config(), "tx-" + run, OpenTelemetry.noop())) {
      assertThat(again.position(feed)).contains(good);
    }
    // A tombstone is no poison: it deletes the position, as compaction will.
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
      producer
          .send(
              new ProducerRecord<>(
                  Topics.INDEX_CHECKPOINTS, feed.getBytes(StandardCharsets.UTF_8), null))
          .get();
    }
    try (KafkaFeedLog again = KafkaFeedLog.create(config(), "tx-" + run, OpenTelemetry.noop())) {
      assertThat(again.position(feed)).isEmpty();
    }
    // A feed with no readable record at all is followed as on a first start.
    String poisoned = "feed-poisoned-" + run;
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
      producer
          .send(
              new ProducerRecord<>(
                  Topics.INDEX_CHECKPOINTS,
                  poisoned.getBytes(StandardCharsets.UTF_8),
                  "not json".getBytes(StandardCharsets.UTF_8)))
          .get();
    }
    try (KafkaFeedLog log = KafkaFeedLog.create(config(), "tx-p-" + run, OpenTelemetry.noop())) {
      assertThat(log.position(poisoned)).isEmpty();
    }
  }

  @Test
  void pipelinedBatchesAllBecomeVisibleAndThePositionIsTheFurthestWhateverTheDepthThatReadsIt() {
    String feed = "feed-" + run;
    List<CompletableFuture<Void>> commits = new ArrayList<>();
    FeedPosition last = null;
    try (KafkaFeedLog log = KafkaFeedLog.create(config(), "tx-" + run, 3, OpenTelemetry.noop())) {
      for (int i = 0; i < 8; i++) {
        last = FeedPosition.startingAt(T0.plusSeconds(i));
        // Eight one-page batches without waiting: up to three transactions in flight.
        log.add(feed, log.prepare(List.of(request(i))), last);
        commits.add(log.commit());
      }
      CompletableFuture.allOf(commits.toArray(CompletableFuture[]::new)).join();
      assertThat(positionOnceVisible(log, feed, last)).contains(last);
    }
    // Each producer keeps its positions under a key of its own; any depth reads the furthest.
    try (KafkaFeedLog again = KafkaFeedLog.create(config(), "tx-" + run, 1, OpenTelemetry.noop())) {
      assertThat(again.position(feed)).contains(last);
    }
    assertThat(publishedKeys())
        .containsExactlyInAnyOrderElementsOf(
            IntStream.range(0, 8).mapToObj(i -> request(i).ref().key()).toList());
  }

  @Test
  void afterAFailedBatchNoLaterOneBecomesVisibleAndThePositionIsTheLastVisibleOne() {
    String feed = "feed-" + run;
    FeedPosition first = FeedPosition.startingAt(T0);
    try (KafkaFeedLog log = KafkaFeedLog.create(config(), "tx-" + run, 3, OpenTelemetry.noop())) {
      log.append(feed, List.of(request(0)), first);
      try (KafkaFeedLog second =
          KafkaFeedLog.create(config(), "tx-" + run, 3, OpenTelemetry.noop())) {
        // The second follower fenced every producer of the first: each batch the first still
        // ships fails, at add or through its result, and none of them shows.
        int failed = 0;
        for (int i = 1; i < 6; i++) {
          try {
            log.add(
                feed, log.prepare(List.of(request(i))), FeedPosition.startingAt(T0.plusSeconds(i)));
            log.commit().join();
          } catch (RuntimeException e) {
            failed++;
          }
        }
        assertThat(failed).isEqualTo(5);
        assertThat(second.position(feed)).contains(first);
      }
    }
    assertThat(publishedKeys()).containsExactly(request(0).ref().key());
  }
}
