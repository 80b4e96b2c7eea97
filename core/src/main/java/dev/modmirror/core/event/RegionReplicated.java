package dev.modmirror.core.event;

import dev.modmirror.core.module.ModuleRef;
import java.time.Instant;

/**
 * The outcome of copying one module version to one region. Published by that region's replicator to
 * {@link Topics#REPLICATED}.
 *
 * @param ok true when all artifacts are in the region, {@code .info} last
 * @param reason empty when ok, else why the copy failed
 */
public record RegionReplicated(
    int schema, ModuleRef ref, String region, boolean ok, String reason, Instant at)
    implements Event {
  public static final int SCHEMA = 1;

  public RegionReplicated {
    Events.checkSchema(schema, SCHEMA, "RegionReplicated");
    Events.required(ref, "ref", "RegionReplicated");
    Events.text(region, "region", "RegionReplicated");
    Events.required(at, "at", "RegionReplicated");
    reason = reason == null ? "" : reason;
  }

  public static RegionReplicated ok(ModuleRef ref, String region, Instant at) {
    return new RegionReplicated(SCHEMA, ref, region, true, "", at);
  }

  public static RegionReplicated failed(ModuleRef ref, String region, String reason, Instant at) {
    return new RegionReplicated(SCHEMA, ref, region, false, reason, at);
  }
}
