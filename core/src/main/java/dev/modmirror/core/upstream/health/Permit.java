package dev.modmirror.core.upstream.health;

/** What a {@link CircuitBreaker} answers to a request that wants to go to its upstream. */
public enum Permit {
  /** Do not contact the upstream: its breaker is open (or a trial is already out). */
  REFUSED,
  /** Go ahead. */
  GRANTED,
  /** Go ahead as the half-open trial: its outcome closes or re-opens the breaker. */
  TRIAL
}
