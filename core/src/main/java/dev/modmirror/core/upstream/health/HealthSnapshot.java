package dev.modmirror.core.upstream.health;

import java.util.OptionalDouble;

/**
 * One upstream's health at one moment, for status output and gauges.
 *
 * @param breaker the breaker's state
 * @param consecutiveFailures failures since the last success
 * @param opens times the breaker has opened
 * @param latencyMillis the recent latency, 0 before the first answer
 * @param inFlight requests sent and not yet answered
 * @param successRatio answered / (answered + failed) over the last five minutes; empty if none
 */
public record HealthSnapshot(
    BreakerState breaker,
    int consecutiveFailures,
    long opens,
    double latencyMillis,
    int inFlight,
    OptionalDouble successRatio) {}
