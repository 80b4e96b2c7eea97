package dev.modmirror.core.telemetry;

import io.opentelemetry.api.trace.Span;

/** The current trace id for log lines, so that a log line leads to its trace. */
public final class TraceIds {
  private TraceIds() {}

  /** The current span's trace id, or {@code -} when there is no valid span. */
  public static String current() {
    var context = Span.current().getSpanContext();
    return context.isValid() ? context.getTraceId() : "-";
  }
}
