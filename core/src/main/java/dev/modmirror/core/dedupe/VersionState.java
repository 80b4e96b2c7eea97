package dev.modmirror.core.dedupe;

import dev.modmirror.core.event.RequestSource;
import dev.modmirror.core.event.WarmPriority;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What the dedupe stage knows about one module version.
 *
 * @param status where the version stands
 * @param lane the lane it was last forwarded in (for {@link Status#IN_FLIGHT}: where it waits)
 * @param sources every source that asked, first asker first, without repeats
 * @param origin the first request's origin
 * @param firstRequestedAt when the first request was made
 * @param since when the status was entered (forwarded, warmed or failed)
 */
public record VersionState(
    Status status,
    WarmPriority lane,
    List<RequestSource> sources,
    String origin,
    Instant firstRequestedAt,
    Instant since) {

  /** Where a version stands. */
  public enum Status {
    /** Forwarded to a warm lane; no outcome yet. */
    IN_FLIGHT,
    /** Warmed: never requested again. */
    WARMED,
    /** Ended not-found, private or failed: may be retried after a delay. */
    FAILED
  }

  public VersionState {
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(lane, "lane");
    Objects.requireNonNull(firstRequestedAt, "firstRequestedAt");
    Objects.requireNonNull(since, "since");
    sources = List.copyOf(sources);
    origin = origin == null ? "" : origin;
  }

  /** The same state with {@code source} added if it is new. */
  VersionState asking(RequestSource source) {
    if (sources.contains(source)) {
      return this;
    }
    List<RequestSource> more = new ArrayList<>(sources);
    more.add(source);
    return new VersionState(status, lane, more, origin, firstRequestedAt, since);
  }

  VersionState with(Status newStatus, WarmPriority newLane, Instant at) {
    return new VersionState(newStatus, newLane, sources, origin, firstRequestedAt, at);
  }
}
