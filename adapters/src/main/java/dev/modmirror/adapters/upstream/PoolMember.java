package dev.modmirror.adapters.upstream;

import dev.modmirror.core.module.ModulePath;
import dev.modmirror.core.module.PrefixPatterns;
import java.util.Objects;
import java.util.Optional;

/**
 * One upstream of a pool with what it serves.
 *
 * @param upstream the guarded client
 * @param isPrivate true if it serves private modules ({@link
 *     dev.modmirror.core.upstream.GoEnv#isPrivate}) and only those; false if it serves public ones
 *     only
 * @param modules GOPRIVATE-style globs narrowing what it serves; empty: every module of its class
 * @param weight its share: cost is divided by it, so weight 2 is preferred at twice the latency
 * @param probe the module its active health check lists, or empty for no probe
 */
record PoolMember(
    GuardedUpstream upstream,
    boolean isPrivate,
    String modules,
    double weight,
    Optional<ModulePath> probe) {
  PoolMember {
    Objects.requireNonNull(upstream, "upstream");
    Objects.requireNonNull(modules, "modules");
    Objects.requireNonNull(probe, "probe");
    if (!(weight > 0) || Double.isInfinite(weight)) {
      throw new IllegalArgumentException("weight must be positive: " + weight);
    }
  }

  /** Whether this member may be sent {@code path}, whose privacy is {@code privateModule}. */
  boolean serves(ModulePath path, boolean privateModule) {
    return isPrivate == privateModule
        && (modules.isEmpty() || PrefixPatterns.matches(modules, path.value()));
  }
}
