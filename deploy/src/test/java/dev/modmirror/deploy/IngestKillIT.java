package dev.modmirror.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modmirror.core.event.Topics;
import dev.modmirror.core.index.FeedTime;
import dev.modmirror.core.module.ModuleRef;
import dev.modmirror.testkit.TempDirs;
import dev.modmirror.testkit.index.FakeIndex;
import dev.modmirror.testkit.index.IndexEntry;
import dev.modmirror.testkit.kafka.TestKafka;
import dev.modmirror.testkit.kafka.TopicRecords;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * Kill -9 of the ingest process in the middle of an index replay, then a restart: every feed entry
 * reaches the warm lane, none is missing, and the raw request topic holds at most one page twice
 * (issue 7's bound; a read_committed reader should see none twice, since a batch and its position
 * commit together). The follower commits two pages per transaction here ({@value #BATCH} requests),
 * so the kill falls while a multi-page transaction is open and its pages are redone after the
 * restart. The ingest service runs as a child JVM ({@code modmirror ingest}) over the test broker.
 */
class IngestKillIT {
  private static final int ENTRIES = 12_000;
  private static final int PAGE = 2000;
  private static final int BATCH = 2 * PAGE;
  private final String run = UUID.randomUUID().toString().substring(0, 8);
  private final String prefix = "kill.example/" + run + "/";

  @Test
  void killedMidReplayAndRestartedLosesNothingAndRepeatsAtMostOnePage() throws Exception {
    Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
    List<IndexEntry> entries = new ArrayList<>();
    for (int i = 0; i < ENTRIES; i++) {
      // Pairs share a nanosecond, so page boundaries fall inside them.
      entries.add(
          new IndexEntry(ModuleRef.of(prefix + "m" + i, "v1.0.0"), t0.plusNanos(i / 2 * 1000)));
    }
    Path work = TempDirs.create("ingest-kill-");
    try (FakeIndex index = FakeIndex.start()) {
      // Three pages are served, the fourth request waits: the first follower commits its first
      // batch (pages 1 and 2) and opens the next with page 3, and is killed there, however fast
      // it reads (a delay per page let a follower that fetches ahead finish before the kill).
      index.append(entries).holdFrom(4);
      Process first = start(index, work, "first");
      try {
        await(() -> raw().size() >= BATCH, first, work, "one batch of two pages published");
      } finally {
        first.destroyForcibly();
        first.waitFor(30, TimeUnit.SECONDS);
      }
      assertThat(raw().size()).as("killed mid-replay").isLessThan(ENTRIES);
      index.release();
      Process second = start(index, work, "second");
      try {
        await(() -> warmKeys().size() >= ENTRIES, second, work, "every entry in the warm lane");
      } finally {
        second.destroy();
        second.waitFor(30, TimeUnit.SECONDS);
      }
    } finally {
      TempDirs.deleteTree(work);
    }
    Set<String> expected = new HashSet<>();
    entries.forEach(e -> expected.add(e.ref().key()));
    List<String> raw = raw();
    assertThat(new HashSet<>(raw)).isEqualTo(expected);
    assertThat(raw.size() - expected.size())
        .as("requests published twice")
        .isLessThanOrEqualTo(PAGE);
    assertThat(warmKeys()).isEqualTo(expected);
  }

  private List<String> raw() {
    return TopicRecords.readAll(TestKafka.bootstrapServers(), Topics.REQUESTS.name()).stream()
        .map(TopicRecords.Seen::key)
        .filter(k -> k.startsWith(prefix))
        .toList();
  }

  private Set<String> warmKeys() {
    Set<String> keys = new HashSet<>();
    for (var lane : Topics.warmLanes()) {
      TopicRecords.readAll(TestKafka.bootstrapServers(), lane.name()).stream()
          .map(TopicRecords.Seen::key)
          .filter(k -> k.startsWith(prefix))
          .forEach(keys::add);
    }
    return keys;
  }

  private Process start(FakeIndex index, Path work, String name) throws Exception {
    Path log = work.resolve(name + ".log");
    ProcessBuilder pb =
        new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xmx384m",
            "-cp",
            System.getProperty("java.class.path"),
            "dev.modmirror.deploy.Launcher",
            "ingest",
            "--since",
            FeedTime.format(Instant.parse("2026-01-01T00:00:00Z")));
    Map<String, String> env = pb.environment();
    env.put("MODMIRROR_KAFKA_BOOTSTRAP", TestKafka.bootstrapServers());
    // Ingest opens the bucket only for the nightly prefetch, which is off here.
    env.put("MODMIRROR_S3_ENDPOINT", "http://127.0.0.1:9");
    env.put("MODMIRROR_S3_ACCESS_KEY", "unused");
    env.put("MODMIRROR_S3_SECRET_KEY", "unused");
    env.put("MODMIRROR_INGEST_INDEX_URL", index.baseUrl().toString());
    env.put("MODMIRROR_INGEST_INDEX_NAME", "kill-" + run);
    env.put("MODMIRROR_INGEST_INDEX_INTERVAL", "PT0.2S");
    env.put("MODMIRROR_INGEST_INDEX_BATCH_RECORDS", Integer.toString(BATCH));
    env.put("MODMIRROR_PREFETCH_ENABLED", "false");
    env.put("MODMIRROR_INGEST_HTTP_HOST", "127.0.0.1");
    env.put("MODMIRROR_INGEST_HTTP_PORT", "0");
    env.put("MODMIRROR_INGEST_STATE_DIR", work.resolve("state").toString());
    env.put("MODMIRROR_INGEST_APPLICATION_ID", SharedDedupe.APPLICATION_ID);
    env.put("MODMIRROR_INGEST_INSTANCE_ID", "kill-" + run);
    env.put("MODMIRROR_LOG_LEVEL", "INFO");
    pb.redirectErrorStream(true).redirectOutput(log.toFile());
    return pb.start();
  }

  private static void await(BooleanSupplier condition, Process process, Path work, String what)
      throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(150).toNanos();
    while (!condition.getAsBoolean()) {
      if (!process.isAlive() || System.nanoTime() > deadline) {
        StringBuilder logs = new StringBuilder();
        try (var files = Files.list(work)) {
          for (Path p : files.filter(f -> f.toString().endsWith(".log")).toList()) {
            String text = Files.readString(p);
            logs.append("== ")
                .append(p.getFileName())
                .append('\n')
                .append(text, Math.max(0, text.length() - 4000), text.length());
          }
        }
        throw new AssertionError(
            "waiting for " + what + " failed (process alive: " + process.isAlive() + ")\n" + logs);
      }
      Thread.sleep(250);
    }
  }
}
