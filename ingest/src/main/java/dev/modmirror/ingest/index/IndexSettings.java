package dev.modmirror.ingest.index;

import dev.modmirror.core.config.Settings;
import dev.modmirror.core.index.FeedTime;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How the index feed is followed.
 *
 * @param enabled whether this process follows the feed at all
 * @param baseUrl the index's base URL; pages are read from {@code <baseUrl>/index}
 * @param name the feed's name: the key of its stored position
 * @param start where a feed that was never followed starts; empty means now (a new install does not
 *     replay years of history unless asked)
 * @param pageSize lines asked per page (the index allows at most 2000)
 * @param interval the pause between polls once caught up (a page that was not full)
 * @param backoff the first pause after an error, doubled per consecutive error, with jitter
 * @param maxBackoff the longest pause after errors
 * @param include GOPRIVATE-style globs; when not empty, only modules matching one are requested
 * @param exclude GOPRIVATE-style globs; modules matching one are never requested
 * @param batchRecords while the feed is behind (pages come back full), further pages join one
 *     transaction until it holds at least this many requests; at most the page size (the default)
 *     commits every page with its checkpoint, as issue 7 asks
 * @param batchTime nor is a transaction held open longer than this after its first page: the
 *     longest a published request stays invisible while the follower is behind
 */
public record IndexSettings(
    boolean enabled,
    URI baseUrl,
    String name,
    Optional<Instant> start,
    int pageSize,
    Duration interval,
    Duration backoff,
    Duration maxBackoff,
    List<String> include,
    List<String> exclude,
    int batchRecords,
    Duration batchTime) {
  public static final URI DEFAULT_BASE = URI.create("https://index.golang.org");
  public static final int MAX_PAGE = 2000;

  /** A transaction per page: the checkpoint is committed with every page, as issue 7 asks. */
  public static final int DEFAULT_BATCH_RECORDS = MAX_PAGE;

  public static final Duration DEFAULT_BATCH_TIME = Duration.ofSeconds(1);

  public static final Duration MAX_BATCH_TIME = Duration.ofSeconds(30);

  public IndexSettings {
    Objects.requireNonNull(baseUrl, "baseUrl");
    Objects.requireNonNull(start, "start");
    if (name == null || !name.matches("[A-Za-z0-9._-]{1,100}")) {
      throw new IllegalArgumentException("index feed name '" + name + "' must be [A-Za-z0-9._-]");
    }
    if (pageSize < 1 || pageSize > MAX_PAGE) {
      throw new IllegalArgumentException("index page size must be 1.." + MAX_PAGE);
    }
    if (batchRecords < 1) {
      throw new IllegalArgumentException("index batch records must be at least 1");
    }
    if (batchTime != null && batchTime.compareTo(MAX_BATCH_TIME) > 0) {
      // Well inside the index log's transaction timeout (60 s), which would abort the batch.
      throw new IllegalArgumentException("index batch time must be at most " + MAX_BATCH_TIME);
    }
    for (Duration d : List.of(interval, backoff, maxBackoff, batchTime)) {
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException("index intervals must be positive");
      }
    }
    include = List.copyOf(include);
    exclude = List.copyOf(exclude);
  }

  /** As the canonical constructor, with the default batch bounds. */
  public IndexSettings(
      boolean enabled,
      URI baseUrl,
      String name,
      Optional<Instant> start,
      int pageSize,
      Duration interval,
      Duration backoff,
      Duration maxBackoff,
      List<String> include,
      List<String> exclude) {
    this(
        enabled,
        baseUrl,
        name,
        start,
        pageSize,
        interval,
        backoff,
        maxBackoff,
        include,
        exclude,
        DEFAULT_BATCH_RECORDS,
        DEFAULT_BATCH_TIME);
  }

  /** These settings with other batch bounds. */
  public IndexSettings withBatch(int records, Duration time) {
    return new IndexSettings(
        enabled,
        baseUrl,
        name,
        start,
        pageSize,
        interval,
        backoff,
        maxBackoff,
        include,
        exclude,
        records,
        time);
  }

  /** Defaults for {@code baseUrl}: start now, pages of 2000, 30 s interval. */
  public static IndexSettings of(URI baseUrl) {
    return new IndexSettings(
        true,
        baseUrl,
        "index.golang.org",
        Optional.empty(),
        MAX_PAGE,
        Duration.ofSeconds(30),
        Duration.ofSeconds(1),
        Duration.ofMinutes(5),
        List.of(),
        List.of());
  }

  public IndexSettings startingAt(Instant since) {
    return new IndexSettings(
        enabled,
        baseUrl,
        name,
        Optional.of(since),
        pageSize,
        interval,
        backoff,
        maxBackoff,
        include,
        exclude,
        batchRecords,
        batchTime);
  }

  /** Reads {@code MODMIRROR_INGEST_INDEX_*}; problems are recorded in {@code s}. */
  public static IndexSettings from(Settings s) {
    Optional<Instant> start = Optional.empty();
    String since = s.string("MODMIRROR_INGEST_INDEX_SINCE", "now");
    if (!since.equals("now")) {
      try {
        start = Optional.of(FeedTime.parse(since));
      } catch (RuntimeException e) {
        s.problem("MODMIRROR_INGEST_INDEX_SINCE: '" + since + "' is not 'now' or an RFC 3339 time");
      }
    }
    return new IndexSettings(
        Boolean.parseBoolean(s.string("MODMIRROR_INGEST_INDEX_ENABLED", "true")),
        s.uri("MODMIRROR_INGEST_INDEX_URL", DEFAULT_BASE),
        s.string("MODMIRROR_INGEST_INDEX_NAME", "index.golang.org"),
        start,
        s.integer("MODMIRROR_INGEST_INDEX_PAGE_SIZE", MAX_PAGE, 1, MAX_PAGE),
        s.duration("MODMIRROR_INGEST_INDEX_INTERVAL", Duration.ofSeconds(30)),
        s.duration("MODMIRROR_INGEST_INDEX_BACKOFF", Duration.ofSeconds(1)),
        s.duration("MODMIRROR_INGEST_INDEX_MAX_BACKOFF", Duration.ofMinutes(5)),
        s.list("MODMIRROR_INGEST_INDEX_INCLUDE", List.of()),
        s.list("MODMIRROR_INGEST_INDEX_EXCLUDE", List.of()),
        s.integer("MODMIRROR_INGEST_INDEX_BATCH_RECORDS", DEFAULT_BATCH_RECORDS, 1, 1_000_000),
        s.duration("MODMIRROR_INGEST_INDEX_BATCH_TIME", DEFAULT_BATCH_TIME));
  }
}
