package dev.modmirror.core.event;

import dev.modmirror.core.module.ModuleRef;
import java.time.Instant;

/**
 * A proxy in front of the mirror was asked for one artifact of a module version: the raw material
 * of demand. Published by ingest's demand endpoint and access-log tailer to {@link Topics#DEMAND};
 * counted per module over a sliding window, and turned into an urgent {@link VersionRequested}.
 *
 * <p>{@code @v/list} and {@code @latest} requests are recognised but not published: the go command
 * fetches {@code .info}, {@code .mod} or {@code .zip} of every version it uses, so those carry the
 * demand, and a list or latest query names no version to warm.
 *
 * @param kind the artifact asked for
 * @param origin where it was seen, e.g. {@code nginx:/var/log/nginx/access.log:1234} or the name
 *     the proxy gave the demand endpoint; {@code ""} when unknown
 * @param observedAt when the proxy answered (the access log's time), else when it was reported
 */
public record DemandObserved(
    int schema, ModuleRef ref, DemandKind kind, String origin, Instant observedAt)
    implements Event {
  public static final int SCHEMA = 1;

  public DemandObserved {
    Events.checkSchema(schema, SCHEMA, "DemandObserved");
    Events.required(ref, "ref", "DemandObserved");
    Events.required(kind, "kind", "DemandObserved");
    Events.required(observedAt, "observedAt", "DemandObserved");
    origin = origin == null ? "" : origin;
  }

  public static DemandObserved of(
      ModuleRef ref, DemandKind kind, String origin, Instant observedAt) {
    return new DemandObserved(SCHEMA, ref, kind, origin, observedAt);
  }
}
