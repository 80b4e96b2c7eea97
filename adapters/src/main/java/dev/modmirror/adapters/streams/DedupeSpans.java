package dev.modmirror.adapters.streams;

import dev.modmirror.core.dedupe.Decision;
import dev.modmirror.core.event.Topics;
import dev.modmirror.core.event.VersionRequested;
import dev.modmirror.core.telemetry.Spans;
import dev.modmirror.core.telemetry.Telemetry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.context.propagation.TextMapSetter;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * The dedupe stage's span per request ({@code ingest.dedupe}), so that the ingest service's hop is
 * in each version's trace: a child of the request's trace (from its record headers), with the
 * decision; a forwarded request carries this span's context on to the warmer. Where dedupe joins
 * several requests into one warm, their traces are linked: a duplicate's span links to the span
 * that forwarded the version, and a re-forward (upgraded, stale, retry) links to the previous one.
 * The forwarded contexts are remembered per stream task, most recent first out, so links are best
 * effort across restarts.
 */
final class DedupeSpans {
  private static final AttributeKey<String> DECISION =
      AttributeKey.stringKey("modmirror.dedupe.decision");
  private static final AttributeKey<String> LINK = AttributeKey.stringKey("modmirror.link");
  private static final int REMEMBERED = 10_000;

  private static final TextMapGetter<Headers> GETTER =
      new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Headers headers) {
          return StreamSupport.stream(headers.spliterator(), false).map(Header::key).toList();
        }

        @Override
        public String get(Headers headers, String key) {
          Header header = headers == null ? null : headers.lastHeader(key);
          return header == null || header.value() == null
              ? null
              : new String(header.value(), StandardCharsets.UTF_8);
        }
      };

  private static final TextMapSetter<Headers> SETTER =
      (headers, key, value) -> {
        headers.remove(key);
        headers.add(key, value.getBytes(StandardCharsets.UTF_8));
      };

  private final Tracer tracer;
  private final TextMapPropagator propagator;
  private final Map<String, SpanContext> forwarded =
      new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, SpanContext> eldest) {
          return size() > REMEMBERED;
        }
      };

  DedupeSpans(OpenTelemetry telemetry) {
    this.tracer = telemetry.getTracer(Telemetry.SCOPE);
    this.propagator = telemetry.getPropagators().getTextMapPropagator();
  }

  /** Starts the span of one decided request; the caller ends it. */
  Span start(Headers headers, VersionRequested request, Decision decision) {
    String key = request.ref().key();
    SpanBuilder builder =
        Spans.forRef(tracer, "ingest.dedupe", request.ref())
            .setParent(propagator.extract(Context.root(), headers, GETTER))
            .setSpanKind(SpanKind.CONSUMER)
            .setAttribute(Telemetry.MESSAGING_SYSTEM, "kafka")
            .setAttribute(Telemetry.MESSAGING_DESTINATION, Topics.REQUESTS.name())
            .setAttribute(Telemetry.MESSAGING_OPERATION_TYPE, "process")
            .setAttribute(Telemetry.SOURCE, request.source().name())
            .setAttribute(DECISION, decision.reason());
    SpanContext earlier = forwarded.get(key);
    if (earlier != null) {
      builder.addLink(
          earlier,
          Attributes.of(LINK, decision.forward().isPresent() ? "forwarded-before" : "joins"));
    }
    decision
        .forward()
        .ifPresent(w -> builder.setAttribute(Telemetry.PRIORITY, w.priority().name()));
    Span span = builder.startSpan();
    if (decision.forward().isPresent()) {
      forwarded.put(key, span.getSpanContext());
    }
    return span;
  }

  /** {@code headers} with the trace context of {@code span} in place of the request's. */
  Headers carrying(Headers headers, Span span) {
    Headers copy = new RecordHeaders(headers.toArray());
    propagator.inject(Context.root().with(span), copy, SETTER);
    return copy;
  }
}
