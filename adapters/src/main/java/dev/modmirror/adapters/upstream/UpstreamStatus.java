package dev.modmirror.adapters.upstream;

import dev.modmirror.core.upstream.health.BreakerState;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * One upstream of a pool as {@code modmirror upstreams} and the status endpoint show it. Holds no
 * credential: the URL is redacted and the last failure's message is the client's, which names URLs
 * without userinfo.
 *
 * @param name the configured name, or the redacted URL in the GOPROXY form
 * @param url the base URL, credentials redacted
 * @param isPrivate whether it serves private modules (and only those)
 * @param modules the globs narrowing what it serves; empty for all of its class
 * @param weight its configured weight
 * @param up false while its breaker is open
 * @param breaker its breaker's state
 * @param latencyMillis its recent latency (0 before the first answer)
 * @param successRatio answered / all over the last five minutes; empty when nothing was counted
 * @param inFlight requests sent and not yet answered
 * @param consecutiveFailures failures since the last success
 * @param opens times its breaker has opened
 * @param lastFailure reason and message of the last failure; empty if none
 */
public record UpstreamStatus(
    String name,
    String url,
    boolean isPrivate,
    String modules,
    double weight,
    boolean up,
    BreakerState breaker,
    double latencyMillis,
    OptionalDouble successRatio,
    int inFlight,
    int consecutiveFailures,
    long opens,
    String lastFailure) {
  public UpstreamStatus {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(modules, "modules");
    Objects.requireNonNull(breaker, "breaker");
    Objects.requireNonNull(successRatio, "successRatio");
    Objects.requireNonNull(lastFailure, "lastFailure");
  }
}
