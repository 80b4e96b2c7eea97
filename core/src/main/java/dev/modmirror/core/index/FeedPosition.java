package dev.modmirror.core.index;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Where a follower of the index stands: the next page is asked {@code since} this instant
 * (inclusive), and the lines at exactly that instant that were already handled are {@code seen}, so
 * the page boundary's repeats are dropped and nothing at the boundary is missed.
 *
 * @param since the inclusive start of the next page
 * @param seen the {@code path@version} keys of lines at {@code since} already handled
 */
public record FeedPosition(Instant since, Set<String> seen) {
  public FeedPosition {
    Objects.requireNonNull(since, "since");
    seen = Set.copyOf(seen);
  }

  /** A fresh start at {@code since}: nothing seen yet. */
  public static FeedPosition startingAt(Instant since) {
    return new FeedPosition(since, Set.of());
  }

  /** True if this line was handled already: it sits at the boundary and was seen there. */
  public boolean alreadySeen(IndexLine line) {
    return line.timestamp()
        .map(t -> t.isBefore(since) || t.equals(since) && seen.contains(line.key()))
        .orElse(false);
  }

  /**
   * The position after handling {@code page} (as fetched from this position, in feed order).
   *
   * @param full the page had as many lines as were asked for: more follow at once
   * @return the same position if the page moved nothing; one nanosecond on if a full page held
   *     nothing but this very instant (the feed cannot page past it; see {@link #stalled})
   */
  public FeedPosition after(List<IndexLine> page, boolean full) {
    Instant next = since;
    for (IndexLine line : page) {
      Instant t = line.timestamp().orElse(null);
      if (t != null && t.isAfter(next)) {
        next = t;
      }
    }
    Set<String> atNext = new HashSet<>(next.equals(since) ? seen : Set.of());
    for (IndexLine line : page) {
      if (line.timestamp().map(next::equals).orElse(false)) {
        atNext.add(line.key());
      }
    }
    if (full && next.equals(since) && atNext.equals(seen)) {
      return startingAt(since.plusNanos(1));
    }
    return new FeedPosition(next, atNext);
  }

  /** True if {@code next} skipped an instant because a full page held nothing else. */
  public boolean stalled(FeedPosition next) {
    return next.seen.isEmpty() && next.since.equals(since.plusNanos(1));
  }
}
