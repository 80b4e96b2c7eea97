package dev.modmirror.ingest.demand;

import dev.modmirror.core.demand.GoproxyRequest;
import dev.modmirror.core.error.InvalidInputException;
import dev.modmirror.core.event.DemandObserved;
import dev.modmirror.core.event.EventBus;
import dev.modmirror.core.event.RequestSource;
import dev.modmirror.core.event.Topics;
import dev.modmirror.core.event.VersionRequested;
import dev.modmirror.core.module.ModuleRef;
import dev.modmirror.core.telemetry.Spans;
import dev.modmirror.core.telemetry.Telemetry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Turns one GOPROXY request a proxy answered into demand: a {@link DemandObserved} for the module's
 * count and, unless the same version was requested here recently, an urgent {@link
 * VersionRequested} (source {@code DEMAND}) so the version is warmed while the build that asked
 * still runs. {@code @v/list} and {@code @latest} are recognised and not published.
 */
public final class RecordDemand {
  private static final AttributeKey<String> RESULT = AttributeKey.stringKey("modmirror.result");
  private static final int RECENT = 10_000;

  /** What became of one request path. */
  public enum Result {
    /** A version's artifact: demand published. */
    DEMAND,
    /** {@code @v/list} or {@code @latest}: recognised, nothing published. */
    MODULE_ONLY,
    /** Not a GOPROXY module request (sumdb, health checks, …). */
    NOT_GOPROXY,
    /** Looked like one but its module path or version breaks a rule: nothing published. */
    INVALID
  }

  private final EventBus bus;
  private final String prefix;
  private final Clock clock;
  private final Tracer tracer;
  private final LongCounter lines;
  private final LongCounter published;
  private final Map<ModuleRef, Boolean> recent =
      new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<ModuleRef, Boolean> eldest) {
          return size() > RECENT;
        }
      };

  /**
   * @param prefix the proxies' base path, stripped before reading ({@code ""} for none)
   */
  public RecordDemand(EventBus bus, String prefix, OpenTelemetry telemetry, Clock clock) {
    this.bus = bus;
    this.prefix = prefix;
    this.clock = clock;
    this.tracer = telemetry.getTracer(Telemetry.SCOPE);
    var meter = telemetry.getMeter(Telemetry.SCOPE);
    this.lines =
        meter
            .counterBuilder("modmirror.ingest.demand.paths")
            .setDescription("Proxy request paths read, by result")
            .build();
    this.published =
        meter
            .counterBuilder("modmirror.ingest.requests")
            .setDescription("Requests published, by source")
            .build();
  }

  /**
   * @param path a decoded request path
   * @param at when the proxy answered it, if known
   * @param origin where it was seen, for the event
   */
  public Result record(String path, Optional<Instant> at, String origin) {
    Optional<GoproxyRequest> parsed;
    try {
      parsed = GoproxyRequest.parse(prefix, path);
    } catch (InvalidInputException e) {
      return count(Result.INVALID);
    }
    if (parsed.isEmpty()) {
      return count(Result.NOT_GOPROXY);
    }
    Optional<ModuleRef> ref = parsed.get().ref();
    if (ref.isEmpty()) {
      return count(Result.MODULE_ONLY);
    }
    Instant when = at.orElseGet(clock::instant);
    bus.publish(
        Topics.DEMAND,
        DemandObserved.of(ref.get(), parsed.get().kind().orElseThrow(), origin, when));
    if (firstRecently(ref.get())) {
      request(ref.get(), origin);
    }
    return count(Result.DEMAND);
  }

  private synchronized boolean firstRecently(ModuleRef ref) {
    return recent.put(ref, Boolean.TRUE) == null;
  }

  private void request(ModuleRef ref, String origin) {
    Span span =
        Spans.forRef(tracer, Telemetry.SPAN_INGEST_PUBLISH, ref)
            .setParent(Context.root())
            .setAttribute(Telemetry.SOURCE, RequestSource.DEMAND.name())
            .startSpan();
    try (Scope ignored = span.makeCurrent()) {
      bus.publish(
          Topics.REQUESTS, VersionRequested.of(ref, RequestSource.DEMAND, origin, clock.instant()));
      published.add(1, Attributes.of(Telemetry.SOURCE, RequestSource.DEMAND.name()));
    } catch (RuntimeException e) {
      Spans.fail(span, e);
      synchronized (this) {
        recent.remove(ref);
      }
      throw e;
    } finally {
      span.end();
    }
  }

  private Result count(Result result) {
    lines.add(1, Attributes.of(RESULT, result.name().toLowerCase(java.util.Locale.ROOT)));
    return result;
  }
}
