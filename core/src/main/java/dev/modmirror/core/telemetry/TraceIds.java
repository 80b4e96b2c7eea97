package dev.modmirror.core.telemetry;

import io.opentelemetry.api.trace.Span;

/**
 * The current trace id as text, for reports that name a version's trace (dev mode). Log lines do
 * not use it: they get {@code trace_id} from the MDC (see {@link LogContext}).
 */
public final class TraceIds {
  private TraceIds() {}

  /** The current span's trace id, or {@code -} when there is no valid span. */
  public static String current() {
    var context = Span.current().getSpanContext();
    return context.isValid() ? context.getTraceId() : "-";
  }
}
