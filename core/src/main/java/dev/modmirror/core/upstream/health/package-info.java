/**
 * The health of one upstream as an upstream pool judges it, with no I/O of its own: a {@link
 * dev.modmirror.core.upstream.health.CircuitBreaker} fed by real outcomes and active probes, a
 * {@link dev.modmirror.core.upstream.health.PeakLatency} (an exponentially weighted latency that
 * jumps up at once and decays down), a {@link dev.modmirror.core.upstream.health.SuccessWindow} of
 * the last five minutes, and {@link dev.modmirror.core.upstream.health.UpstreamHealth}, which holds
 * them together with the requests in flight and ranks the upstream against others. Time comes from
 * an injected nanosecond clock, so every rule is tested without sleeping.
 */
package dev.modmirror.core.upstream.health;
