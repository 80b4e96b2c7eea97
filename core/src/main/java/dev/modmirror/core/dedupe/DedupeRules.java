package dev.modmirror.core.dedupe;

import dev.modmirror.core.dedupe.VersionState.Status;
import dev.modmirror.core.event.RequestSource;
import dev.modmirror.core.event.VersionFailed;
import dev.modmirror.core.event.VersionRequested;
import dev.modmirror.core.event.VersionWarmed;
import dev.modmirror.core.event.WarmPriority;
import dev.modmirror.core.event.WarmRequested;
import dev.modmirror.core.module.ModuleRef;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The dedupe stage's rules for one module version. A request is forwarded when the version is new;
 * when it is in flight in a slower lane than the request's (it moves up, so a webhook never waits
 * behind a backfill); when it failed at least {@code retryAfter} ago; when it has been in flight
 * longer than {@code staleAfter} (its request may have been dead-lettered); and always for {@link
 * RequestSource#MANUAL} (an operator's explicit re-warm). Any other request is a duplicate: its
 * source is merged into the state and nothing is published. A warmed version is not requested again
 * while its state is kept. Time is the request's own {@code requestedAt}, so replays decide as they
 * did.
 *
 * <p>States are not kept forever ({@link #forgettable}): the stage's store would otherwise grow
 * with every version ever requested. A state is forgotten once forgetting it changes nothing but a
 * reason label (a failed version past {@code retryAfter}, one in flight past {@code staleAfter}:
 * the next request is forwarded either way), and a warmed version's after {@code
 * forgetWarmedAfter}: its next request is forwarded once more, and the warmer ends it
 * already-present after one read of the stored {@code .info}, so the cost is bounded and the store
 * holds about what was requested in that period.
 *
 * @param retryAfter how long after a not-found or failed outcome a new request is forwarded again
 * @param staleAfter how long a version may stay in flight before a new request is forwarded again
 * @param forgetWarmedAfter how long after it was warmed a version's state is kept
 */
public record DedupeRules(Duration retryAfter, Duration staleAfter, Duration forgetWarmedAfter) {
  public static final Duration DEFAULT_RETRY_AFTER = Duration.ofHours(24);
  public static final Duration DEFAULT_STALE_AFTER = Duration.ofHours(6);
  public static final Duration DEFAULT_FORGET_WARMED_AFTER = Duration.ofDays(7);

  public DedupeRules {
    Objects.requireNonNull(retryAfter, "retryAfter");
    Objects.requireNonNull(staleAfter, "staleAfter");
    Objects.requireNonNull(forgetWarmedAfter, "forgetWarmedAfter");
    if (retryAfter.isNegative() || staleAfter.isNegative() || forgetWarmedAfter.isNegative()) {
      throw new IllegalArgumentException("dedupe delays must not be negative");
    }
  }

  /** Warmed versions forgotten after {@link #DEFAULT_FORGET_WARMED_AFTER}. */
  public DedupeRules(Duration retryAfter, Duration staleAfter) {
    this(retryAfter, staleAfter, DEFAULT_FORGET_WARMED_AFTER);
  }

  public static DedupeRules defaults() {
    return new DedupeRules(DEFAULT_RETRY_AFTER, DEFAULT_STALE_AFTER, DEFAULT_FORGET_WARMED_AFTER);
  }

  /**
   * Whether the stage may drop {@code state} at {@code now}: from then on, a request finds no state
   * and is forwarded as new, which this state would also have done (failed past {@code retryAfter},
   * in flight past {@code staleAfter}), or which costs the warmer one {@code .info} read (warmed
   * past {@code forgetWarmedAfter}).
   */
  public boolean forgettable(VersionState state, Instant now) {
    return switch (state.status()) {
      case WARMED -> elapsed(state, now, forgetWarmedAfter);
      case FAILED -> elapsed(state, now, retryAfter);
      case IN_FLIGHT -> elapsed(state, now, staleAfter);
    };
  }

  /** Decides on one raw request, given the version's state (empty if never seen). */
  public Decision onRequest(Optional<VersionState> current, VersionRequested request) {
    WarmPriority lane = WarmPriority.of(request.source());
    Instant now = request.requestedAt();
    if (current.isEmpty()) {
      VersionState state =
          new VersionState(
              Status.IN_FLIGHT,
              lane,
              List.of(request.source()),
              request.origin(),
              request.requestedAt(),
              now);
      return forward(request.ref(), state, "new");
    }
    VersionState state = current.get().asking(request.source());
    if (request.source() == RequestSource.MANUAL) {
      return forward(request.ref(), state.with(Status.IN_FLIGHT, lane, now), "manual");
    }
    return switch (state.status()) {
      case WARMED -> drop(state, "warmed");
      case FAILED ->
          elapsed(state, now, retryAfter)
              ? forward(request.ref(), state.with(Status.IN_FLIGHT, lane, now), "retry")
              : drop(state, "failed-recently");
      case IN_FLIGHT -> {
        if (lane.before(state.lane())) {
          yield forward(request.ref(), state.with(Status.IN_FLIGHT, lane, now), "upgraded");
        }
        if (elapsed(state, now, staleAfter)) {
          yield forward(request.ref(), state.with(Status.IN_FLIGHT, state.lane(), now), "stale");
        }
        yield drop(state, "in-flight");
      }
    };
  }

  /** The state after the warmer reported the version warmed. */
  public VersionState onWarmed(Optional<VersionState> current, VersionWarmed warmed) {
    return outcome(current, Status.WARMED, warmed.warmedAt());
  }

  /** The state after the warmer reported it not-found, private or failed. */
  public VersionState onFailed(Optional<VersionState> current, VersionFailed failed) {
    return outcome(current, Status.FAILED, failed.failedAt());
  }

  private static VersionState outcome(Optional<VersionState> current, Status status, Instant at) {
    return current
        .map(s -> s.with(status, s.lane(), at))
        // An outcome without a request seen here (requested before the stage existed).
        .orElseGet(() -> new VersionState(status, WarmPriority.URGENT, List.of(), "", at, at));
  }

  private static boolean elapsed(VersionState state, Instant now, Duration delay) {
    return !now.isBefore(state.since().plus(delay));
  }

  private static Decision forward(ModuleRef ref, VersionState state, String reason) {
    WarmRequested event =
        new WarmRequested(
            WarmRequested.SCHEMA,
            ref,
            state.lane(),
            state.sources(),
            state.origin(),
            state.firstRequestedAt());
    return new Decision(state, Optional.of(event), reason);
  }

  private static Decision drop(VersionState state, String reason) {
    return new Decision(state, Optional.empty(), reason);
  }
}
