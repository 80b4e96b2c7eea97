package dev.modmirror.ingest.index;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modmirror.adapters.index.HttpIndexFeed;
import dev.modmirror.core.error.PermanentException;
import dev.modmirror.core.error.TransientException;
import dev.modmirror.core.event.RequestSource;
import dev.modmirror.core.event.VersionRequested;
import dev.modmirror.core.index.FeedLog;
import dev.modmirror.core.module.ModuleRef;
import dev.modmirror.testkit.index.FakeIndex;
import dev.modmirror.testkit.index.IndexEntry;
import dev.modmirror.testkit.memory.InMemoryFeedLog;
import io.opentelemetry.api.OpenTelemetry;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class FollowIndexTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private final FakeIndex index = FakeIndex.start();
  private final InMemoryFeedLog log = new InMemoryFeedLog();
  private final Clock clock = Clock.fixed(T0.plusSeconds(3600), ZoneOffset.UTC);

  @AfterEach
  void close() {
    index.close();
  }

  private IndexSettings settings(int pageSize) {
    return new IndexSettings(
        true,
        index.baseUrl(),
        "test-feed",
        Optional.of(T0),
        pageSize,
        Duration.ofMillis(50),
        Duration.ofMillis(1),
        Duration.ofMillis(5),
        List.of(),
        List.of());
  }

  private FollowIndex follower(IndexSettings settings) {
    return follower(settings, log);
  }

  private FollowIndex follower(IndexSettings settings, FeedLog feedLog) {
    return new FollowIndex(
        new HttpIndexFeed(settings.baseUrl(), Duration.ofSeconds(10)),
        feedLog,
        settings,
        OpenTelemetry.noop(),
        clock);
  }

  /** Steps until a page is not full: the follower is caught up. */
  private static void drain(FollowIndex follower) {
    while (follower.step()) {
      // next page at once
    }
  }

  private static List<ModuleRef> refs(List<VersionRequested> requests) {
    return requests.stream().map(VersionRequested::ref).toList();
  }

  @Test
  void replaysPageBoundaryWithoutDuplicates() {
    // Groups of three entries share a nanosecond, so page boundaries fall inside groups.
    List<IndexEntry> entries = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      entries.add(
          new IndexEntry(ModuleRef.of("example.com/m" + i, "v1.0." + i), T0.plusNanos(i / 3)));
    }
    index.append(entries);

    FollowIndex follower = follower(settings(7));
    drain(follower);

    assertThat(refs(log.published()))
        .containsExactlyElementsOf(entries.stream().map(IndexEntry::ref).toList());
    assertThat(log.published()).allMatch(r -> r.source() == RequestSource.INDEX);
    assertThat(log.position("test-feed").orElseThrow().since()).isEqualTo(T0.plusNanos(333));
    // Caught up: another poll publishes nothing more.
    follower.step();
    assertThat(log.published()).hasSize(1000);
  }

  /** The {@code since} of every page the index was asked for, in the order asked. */
  private List<Instant> sincesAsked() {
    return index.requests().stream()
        .map(r -> r.path().replaceFirst(".*[?&]since=([^&]*).*", "$1"))
        .map(s -> Instant.parse(URLDecoder.decode(s, StandardCharsets.UTF_8)))
        .toList();
  }

  @Test
  @Timeout(60) // a hang guard: a page fetched ahead and used where it does not fit stalls
  void fetchesEachPageOnceWhileTheFeedIsInOrder() {
    List<IndexEntry> entries = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      entries.add(new IndexEntry(ModuleRef.of("example.com/m" + i, "v1.0.0"), T0.plusMillis(i)));
    }
    index.append(entries);

    drain(follower(settings(10).withBatch(1, Duration.ofSeconds(30))));

    assertThat(refs(log.published()))
        .containsExactlyElementsOf(entries.stream().map(IndexEntry::ref).toList());
    // Each page after the first was fetched ahead from the last line of the one before, and the
    // position after that page proved it right: 11 full pages and a short one (the boundary's
    // repeat only: nothing to commit), none fetched twice.
    assertThat(sincesAsked()).hasSize(12).doesNotHaveDuplicates();
    assertThat(log.appends()).isEqualTo(11);
  }

  @Test
  @Timeout(60) // a hang guard: a page fetched ahead and used where it does not fit stalls
  void aPageFetchedAheadFromTheWrongInstantIsFetchedAgainFromThePositionBeforeIt() {
    // Six entries at one instant and pages of five: the second page holds only repeats of that
    // instant, so the position after it is one nanosecond past it (the feed cannot page past a
    // full page at one instant), not its last line's timestamp, from which the third page was
    // fetched ahead. That page (the same repeats again) must be dropped and fetched from the
    // position: used, it would stall once more and move to two nanoseconds past.
    Instant t1 = T0.plusSeconds(1);
    List<IndexEntry> entries = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      entries.add(new IndexEntry(ModuleRef.of("example.com/same" + i, "v1.0.0"), t1));
    }
    for (int i = 0; i < 3; i++) {
      entries.add(
          new IndexEntry(ModuleRef.of("example.com/later" + i, "v1.0.0"), t1.plusSeconds(1 + i)));
    }
    index.append(entries);

    FollowIndex follower = follower(settings(5).withBatch(1, Duration.ofSeconds(30)));
    drain(follower);

    List<ModuleRef> expected = new ArrayList<>();
    entries.subList(0, 5).forEach(e -> expected.add(e.ref()));
    // The sixth entry at t1 is the documented loss of a full page at one instant.
    entries.subList(6, 9).forEach(e -> expected.add(e.ref()));
    assertThat(refs(log.published())).containsExactlyElementsOf(expected);
    assertThat(sincesAsked()).contains(t1.plusNanos(1)).doesNotContain(t1.plusNanos(2));
    assertThat(log.appends()).as("three pages: the first, the stalled one, the last").isEqualTo(3);
    assertThat(follower.position()).isEqualTo(log.position("test-feed").orElseThrow());
    assertThat(follower.position().since()).isEqualTo(t1.plusSeconds(3));
  }

  @Test
  @Timeout(60) // a hang guard: a page fetched ahead and used where it does not fit stalls
  void aPageWhoseLastLineIsOutOfOrderIsFollowedFromItsLatestTimestamp() {
    // The first page's last line is older than the line before it, so the page fetched ahead from
    // its timestamp starts before the position; it is fetched again from the position, and the
    // pages after it follow from there.
    index.add(IndexEntry.of("example.com/a", "v1.0.0", "2026-01-01T00:00:01Z"));
    index.addRaw(
        T0.plusSeconds(2),
        "{\"Path\":\"example.com/b\",\"Version\":\"v1.0.0\",\"Timestamp\":\"2026-01-01T00:00:05Z\"}");
    index.add(IndexEntry.of("example.com/c", "v1.0.0", "2026-01-01T00:00:03Z"));
    for (int i = 6; i <= 9; i++) {
      index.add(IndexEntry.of("example.com/d" + i, "v1.0.0", "2026-01-01T00:00:0" + i + "Z"));
    }

    FollowIndex follower = follower(settings(3).withBatch(1, Duration.ofSeconds(30)));
    drain(follower);

    assertThat(refs(log.published()))
        .containsExactly(
            ModuleRef.of("example.com/a", "v1.0.0"),
            ModuleRef.of("example.com/b", "v1.0.0"),
            ModuleRef.of("example.com/c", "v1.0.0"),
            ModuleRef.of("example.com/d6", "v1.0.0"),
            ModuleRef.of("example.com/d7", "v1.0.0"),
            ModuleRef.of("example.com/d8", "v1.0.0"),
            ModuleRef.of("example.com/d9", "v1.0.0"));
    assertThat(sincesAsked()).contains(T0.plusSeconds(5));
    // From 00:00:05 (d6, d7, d8), from 00:00:08 (d8 again, d9): three pages in all.
    assertThat(log.appends()).isEqualTo(3);
    assertThat(follower.position().since()).isEqualTo(T0.plusSeconds(9));
  }

  @Test
  void skipsBadLinesAndStillCheckpointsThePage() {
    index.add(IndexEntry.of("example.com/a", "v1.0.0", "2026-01-01T00:00:01Z"));
    index.addRaw(T0.plusSeconds(2), "this is not json");
    index.addRaw(
        T0.plusSeconds(3), "{\"Path\":\"example.com/b\",\"Timestamp\":\"2026-01-01T00:00:03Z\"}");
    index.addRaw(
        T0.plusSeconds(4),
        "{\"Path\":\"../../etc/passwd\",\"Version\":\"v1.0.0\",\"Timestamp\":\"2026-01-01T00:00:04Z\"}");
    index.add(IndexEntry.of("example.com/c", "v1.0.0", "2026-01-01T00:00:05Z"));

    FollowIndex follower = follower(settings(2000));
    assertThat(follower.step()).isFalse();

    assertThat(refs(log.published()))
        .containsExactly(
            ModuleRef.of("example.com/a", "v1.0.0"), ModuleRef.of("example.com/c", "v1.0.0"));
    assertThat(log.appends()).isEqualTo(1);
    assertThat(log.position("test-feed").orElseThrow().since()).isEqualTo(T0.plusSeconds(5));
  }

  @Test
  void aPageOfOnlyBadLinesStillMovesThePosition() {
    index.addRaw(
        T0.plusSeconds(4),
        "{\"Path\":\"example.com/x\",\"Version\":\"latest\",\"Timestamp\":\"2026-01-01T00:00:04Z\"}");
    follower(settings(2000)).step();

    assertThat(log.published()).isEmpty();
    assertThat(log.position("test-feed").orElseThrow().since()).isEqualTo(T0.plusSeconds(4));
  }

  @Test
  void retriesTheSamePageAfterFeedAndLogErrors() throws Exception {
    List<IndexEntry> entries = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      entries.add(new IndexEntry(ModuleRef.of("example.com/m" + i, "v1.0.0"), T0.plusMillis(i)));
    }
    index.append(entries);
    index.failNext(503, 2).failNext(429, 1).truncateNext().failNext(404, 1);
    log.failNext(new TransientException("broker away"));

    FollowIndex follower = follower(settings(10));
    Thread thread = new Thread(follower);
    thread.start();
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (log.published().size() < 50 && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    follower.stop();
    thread.join(10_000);

    assertThat(refs(log.published()))
        .containsExactlyElementsOf(entries.stream().map(IndexEntry::ref).toList());
    assertThat(follower.state()).isEqualTo(FollowIndex.State.STOPPED);
  }

  @Test
  void fullPagesShareOneCommitWhileBehindAndCaughtUpPagesCommitAtOnce() {
    List<IndexEntry> entries = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      entries.add(new IndexEntry(ModuleRef.of("example.com/m" + i, "v1.0.0"), T0.plusMillis(i)));
    }
    index.append(entries);
    // Pages of 10 lines (the first new ones, later 9 new after the boundary's repeat).
    FollowIndex follower = follower(settings(10).withBatch(30, Duration.ofSeconds(30)));

    assertThat(follower.step()).isTrue();
    assertThat(log.appends()).as("one full page: still open").isZero();
    assertThat(log.published()).isEmpty();
    drain(follower);

    assertThat(refs(log.published()))
        .containsExactlyElementsOf(entries.stream().map(IndexEntry::ref).toList());
    // 11 full pages (10 new, then 9 new after the boundary's repeat) and a short one with nothing
    // new: commits after pages 4 (37 requests) and 8 (36), and at the short page (27).
    assertThat(log.appends()).isEqualTo(3);
    assertThat(follower.position()).isEqualTo(log.position("test-feed").orElseThrow());
  }

  @Test
  void aBatchBoundOfOnePageCommitsEveryPage() {
    List<IndexEntry> entries = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      entries.add(new IndexEntry(ModuleRef.of("example.com/m" + i, "v1.0.0"), T0.plusMillis(i)));
    }
    index.append(entries);
    drain(follower(settings(10).withBatch(1, Duration.ofSeconds(30))));

    assertThat(log.published()).hasSize(100);
    assertThat(log.appends()).as("one per full page").isEqualTo(11);
  }

  @Test
  void aBatchBoundOfAPageCommitsEveryPageThoughRepeatsLeaveItShort() {
    List<IndexEntry> entries = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      entries.add(new IndexEntry(ModuleRef.of("example.com/m" + i, "v1.0.0"), T0.plusMillis(i)));
    }
    index.append(entries);
    // After the first page, each holds the boundary's repeat and 9 new requests: fewer than the
    // bound, which is still a page, so the checkpoint is still committed with every page.
    drain(follower(settings(10).withBatch(10, Duration.ofSeconds(30))));

    assertThat(log.published()).hasSize(100);
    assertThat(log.appends()).as("one per full page").isEqualTo(11);
  }

  /** Runs a follower on its own thread until {@code feedLog} holds {@code count} requests. */
  private void followUntil(FollowIndex follower, InMemoryFeedLog feedLog, int count)
      throws InterruptedException {
    Thread thread = new Thread(follower);
    thread.start();
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (feedLog.published().size() < count && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    follower.stop();
    thread.join(10_000);
  }

  @Test
  void aPipelinedLogsFailedBatchAndTheOnesShippedAfterItArePublishedOnceFromTheStoredPosition()
      throws Exception {
    List<IndexEntry> entries = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      entries.add(new IndexEntry(ModuleRef.of("example.com/m" + i, "v1.0.0"), T0.plusMillis(i)));
    }
    index.append(entries);
    try (InMemoryFeedLog pipelined = InMemoryFeedLog.pipelined()) {
      pipelined.failNext(new TransientException("commit failed"));
      FollowIndex follower = follower(settings(10).withBatch(1, Duration.ofSeconds(30)), pipelined);
      followUntil(follower, pipelined, 100);

      assertThat(refs(pipelined.published()))
          .containsExactlyElementsOf(entries.stream().map(IndexEntry::ref).toList());
      assertThat(follower.position()).isEqualTo(pipelined.position("test-feed").orElseThrow());
    }
  }

  @Test
  void aPipelinedCommitThatLandedDespiteItsErrorIsNotPublishedTwice() throws Exception {
    List<IndexEntry> entries = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      entries.add(new IndexEntry(ModuleRef.of("example.com/m" + i, "v1.0.0"), T0.plusMillis(i)));
    }
    index.append(entries);
    try (InMemoryFeedLog pipelined = InMemoryFeedLog.pipelined()) {
      pipelined.landNextButFail(new TransientException("commit timed out"));
      FollowIndex follower = follower(settings(10).withBatch(1, Duration.ofSeconds(30)), pipelined);
      followUntil(follower, pipelined, 100);

      assertThat(refs(pipelined.published()))
          .containsExactlyElementsOf(entries.stream().map(IndexEntry::ref).toList());
    }
  }

  @Test
  void aCommitThatLandedDespiteItsErrorIsNotPublishedTwice() throws Exception {
    List<IndexEntry> entries = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      entries.add(new IndexEntry(ModuleRef.of("example.com/m" + i, "v1.0.0"), T0.plusMillis(i)));
    }
    index.append(entries);
    log.landNextButFail(new TransientException("commit timed out"));

    FollowIndex follower = follower(settings(10).withBatch(20, Duration.ofSeconds(30)));
    Thread thread = new Thread(follower);
    thread.start();
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (log.published().size() < 50 && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    follower.stop();
    thread.join(10_000);

    // The follower read the stored position back after the error and went on from there.
    assertThat(refs(log.published()))
        .containsExactlyElementsOf(entries.stream().map(IndexEntry::ref).toList());
  }

  @Test
  void stopsWhenAnotherFollowerTookOver() {
    index.add(IndexEntry.of("example.com/a", "v1.0.0", "2026-01-01T00:00:01Z"));
    log.failNext(new PermanentException("fenced", (String) null, null));

    FollowIndex follower = follower(settings(10));
    follower.run();

    assertThat(follower.state()).isEqualTo(FollowIndex.State.FAILED);
    assertThat(log.published()).isEmpty();
  }

  @Test
  void resumesFromTheStoredPositionAndFilters() {
    index.add(
        IndexEntry.of("github.com/corp/a", "v1.0.0", "2026-01-01T00:00:01Z"),
        IndexEntry.of("github.com/corp/secret", "v1.0.0", "2026-01-01T00:00:02Z"),
        IndexEntry.of("example.com/other", "v1.0.0", "2026-01-01T00:00:03Z"));
    IndexSettings filtered =
        new IndexSettings(
            true,
            index.baseUrl(),
            "test-feed",
            Optional.of(T0),
            2000,
            Duration.ofMillis(50),
            Duration.ofMillis(1),
            Duration.ofMillis(5),
            List.of("github.com/corp"),
            List.of("github.com/corp/secret"));
    follower(filtered).step();
    index.add(IndexEntry.of("github.com/corp/b", "v1.0.0", "2026-01-01T00:00:04Z"));
    // A new follower (a restart) continues from the stored position.
    follower(filtered).step();

    assertThat(refs(log.published()))
        .containsExactly(
            ModuleRef.of("github.com/corp/a", "v1.0.0"),
            ModuleRef.of("github.com/corp/b", "v1.0.0"));
  }

  @Test
  void aNewInstallStartsNowNotAtTheBeginning() {
    index.add(
        IndexEntry.of("example.com/old", "v1.0.0", "2020-01-01T00:00:00Z"),
        new IndexEntry(ModuleRef.of("example.com/new", "v1.0.0"), clock.instant().plusSeconds(1)));
    IndexSettings fromNow =
        new IndexSettings(
            true,
            index.baseUrl(),
            "test-feed",
            Optional.empty(),
            2000,
            Duration.ofMillis(50),
            Duration.ofMillis(1),
            Duration.ofMillis(5),
            List.of(),
            List.of());
    follower(fromNow).step();

    assertThat(refs(log.published())).containsExactly(ModuleRef.of("example.com/new", "v1.0.0"));
  }
}
