package dev.modmirror.adapters.telemetry;

import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs each ended span at DEBUG. Used when no OTLP endpoint is configured: besides making spans
 * visible in the log, having a processor at all matters, because an SDK tracer provider without one
 * hands out no-op tracers whose spans carry no trace id to propagate.
 */
final class DebugLogSpanProcessor implements SpanProcessor {
  private static final Logger log = LoggerFactory.getLogger("dev.modmirror.spans");

  @Override
  public void onStart(Context parentContext, ReadWriteSpan span) {}

  @Override
  public boolean isStartRequired() {
    return false;
  }

  @Override
  public void onEnd(ReadableSpan span) {
    if (log.isDebugEnabled()) {
      log.debug(
          "span {} trace={} span={} {} ms",
          span.getName(),
          span.getSpanContext().getTraceId(),
          span.getSpanContext().getSpanId(),
          TimeUnit.NANOSECONDS.toMillis(span.getLatencyNanos()));
    }
  }

  @Override
  public boolean isEndRequired() {
    return true;
  }
}
