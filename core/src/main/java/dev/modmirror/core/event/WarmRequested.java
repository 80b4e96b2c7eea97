package dev.modmirror.core.event;

import dev.modmirror.core.error.InvalidInputException;
import dev.modmirror.core.module.ModuleRef;
import java.time.Instant;
import java.util.List;

/**
 * A module version to warm, once: the dedupe stage forwards it from the raw requests when the
 * version is neither warmed nor in flight, onto the topic of its {@link #priority()} lane. Consumed
 * by the warmer.
 *
 * @param sources every source that asked for the version until it was forwarded, first asker first,
 *     without repeats: a trace then shows why a version was warmed
 * @param origin the first request's origin (go.mod file, webhook delivery, index timestamp)
 * @param firstRequestedAt when the first of these requests was made
 */
public record WarmRequested(
    int schema,
    ModuleRef ref,
    WarmPriority priority,
    List<RequestSource> sources,
    String origin,
    Instant firstRequestedAt)
    implements Event {
  public static final int SCHEMA = 1;

  public WarmRequested {
    Events.checkSchema(schema, SCHEMA, "WarmRequested");
    Events.required(ref, "ref", "WarmRequested");
    Events.required(priority, "priority", "WarmRequested");
    Events.required(sources, "sources", "WarmRequested");
    Events.required(firstRequestedAt, "firstRequestedAt", "WarmRequested");
    sources = List.copyOf(sources);
    if (sources.isEmpty()) {
      throw new InvalidInputException("WarmRequested: 'sources' is empty");
    }
    if (sources.stream().distinct().count() != sources.size()) {
      throw new InvalidInputException("WarmRequested: 'sources' repeats a source");
    }
    origin = origin == null ? "" : origin;
  }

  /** The first request of a version, forwarded in its own lane. */
  public static WarmRequested first(VersionRequested request) {
    return new WarmRequested(
        SCHEMA,
        request.ref(),
        WarmPriority.of(request.source()),
        List.of(request.source()),
        request.origin(),
        request.requestedAt());
  }
}
