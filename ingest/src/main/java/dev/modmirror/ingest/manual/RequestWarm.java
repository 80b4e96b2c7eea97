package dev.modmirror.ingest.manual;

import dev.modmirror.core.error.InvalidInputException;
import dev.modmirror.core.event.EventBus;
import dev.modmirror.core.event.RequestSource;
import dev.modmirror.core.event.Topics;
import dev.modmirror.core.event.VersionRequested;
import dev.modmirror.core.module.ModuleRef;
import dev.modmirror.core.telemetry.Spans;
import dev.modmirror.core.telemetry.Telemetry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * Publishes one {@code MANUAL} warm request per named version, each the root of its own trace. The
 * request body is read whole before anything is published: one bad line publishes nothing.
 */
public final class RequestWarm {
  /** Most versions in one request. */
  public static final int MAX_VERSIONS = 1000;

  private final EventBus bus;
  private final Tracer tracer;
  private final Clock clock;

  public RequestWarm(EventBus bus, OpenTelemetry telemetry, Clock clock) {
    this.bus = bus;
    this.tracer = telemetry.getTracer(Telemetry.SCOPE);
    this.clock = clock;
  }

  /**
   * Reads {@code module@version} lines (blank lines and {@code #} comments ignored).
   *
   * @throws InvalidInputException naming the first bad line by number, or too many versions
   */
  public static List<ModuleRef> parse(String body) {
    LinkedHashSet<ModuleRef> refs = new LinkedHashSet<>();
    String[] lines = body.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      try {
        refs.add(ModuleRef.parse(line));
      } catch (InvalidInputException e) {
        throw new InvalidInputException("line " + (i + 1) + ": " + e.getMessage());
      }
      if (refs.size() > MAX_VERSIONS) {
        throw new InvalidInputException("more than " + MAX_VERSIONS + " versions in one request");
      }
    }
    return new ArrayList<>(refs);
  }

  /**
   * @param origin who asked (e.g. {@code http:<token id>}), recorded on each request
   */
  public void request(List<ModuleRef> refs, String origin) {
    for (ModuleRef ref : refs) {
      Span span =
          Spans.forRef(tracer, Telemetry.SPAN_INGEST_PUBLISH, ref)
              .setParent(Context.root())
              .setAttribute(Telemetry.SOURCE, RequestSource.MANUAL.name())
              .startSpan();
      try (Scope ignored = span.makeCurrent()) {
        bus.publish(
            Topics.REQUESTS,
            VersionRequested.of(ref, RequestSource.MANUAL, origin, clock.instant()));
      } catch (RuntimeException e) {
        Spans.fail(span, e);
        throw e;
      } finally {
        span.end();
      }
    }
  }
}
