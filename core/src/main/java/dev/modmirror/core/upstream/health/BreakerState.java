package dev.modmirror.core.upstream.health;

/** The states of a {@link CircuitBreaker}, with the number each has as a metric value. */
public enum BreakerState {
  /** Requests flow; consecutive failures are counted. */
  CLOSED(0),
  /** One trial request (or an active probe) decides: success closes, failure opens again. */
  HALF_OPEN(1),
  /** Requests are refused without contacting the upstream until the open period has passed. */
  OPEN(2);

  private final int gauge;

  BreakerState(int gauge) {
    this.gauge = gauge;
  }

  /** 0 closed, 1 half-open, 2 open: the value of the breaker-state gauge. */
  public int gauge() {
    return gauge;
  }
}
