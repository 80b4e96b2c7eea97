package dev.modmirror.core.event;

/**
 * The lane a deduplicated request is warmed in. Each lane is a topic of its own ({@link
 * Topics#warm}) with consumers of its own in every warmer, so a million-version index backfill
 * never queues in front of a version a developer is waiting for.
 */
public enum WarmPriority {
  /** Someone is waiting: a push webhook, a proxy's demand, a go.mod given by hand. */
  URGENT,
  /** The nightly prefetch of popular modules. */
  NIGHTLY,
  /** The index.golang.org feed: new public versions, and a replay of its history. */
  BACKFILL;

  /** The lane of a request from {@code source}; the one place that ranks sources. */
  public static WarmPriority of(RequestSource source) {
    return switch (source) {
      case WEBHOOK, DEMAND, GOMOD, MANUAL -> URGENT;
      case POPULAR -> NIGHTLY;
      case INDEX -> BACKFILL;
    };
  }

  /** True if this lane goes before {@code other}. */
  public boolean before(WarmPriority other) {
    return ordinal() < other.ordinal();
  }
}
