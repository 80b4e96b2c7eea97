package dev.modmirror.core.event;

import dev.modmirror.core.module.ModuleRef;
import java.time.Instant;

/**
 * A request to have one module version warmed. Published by ingest to {@link Topics#REQUESTS}; the
 * same version may be requested many times and by many sources.
 *
 * @param origin free text naming the concrete origin, e.g. the go.mod file or webhook delivery id
 */
public record VersionRequested(
    int schema, ModuleRef ref, RequestSource source, String origin, Instant requestedAt)
    implements Event {
  public static final int SCHEMA = 1;

  public VersionRequested {
    Events.checkSchema(schema, SCHEMA, "VersionRequested");
    Events.required(ref, "ref", "VersionRequested");
    Events.required(source, "source", "VersionRequested");
    Events.required(requestedAt, "requestedAt", "VersionRequested");
    origin = origin == null ? "" : origin;
  }

  public static VersionRequested of(
      ModuleRef ref, RequestSource source, String origin, Instant requestedAt) {
    return new VersionRequested(SCHEMA, ref, source, origin, requestedAt);
  }
}
