package dev.modmirror.core.telemetry;

import dev.modmirror.core.error.ModmirrorException;
import dev.modmirror.core.module.ModuleRef;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import java.util.function.Supplier;

/** Runs a step of one module version's work in a child span, recording failures on it. */
public final class Spans {
  private Spans() {}

  /** A span builder for {@code ref}, with the module and version attributes set. */
  public static SpanBuilder forRef(Tracer tracer, String name, ModuleRef ref) {
    return tracer
        .spanBuilder(name)
        .setAttribute(Telemetry.MODULE, ref.path().value())
        .setAttribute(Telemetry.VERSION, ref.version().value());
  }

  /** Runs {@code step} inside a new current span; exceptions are recorded and rethrown. */
  public static <T> T inSpan(SpanBuilder builder, Supplier<T> step) {
    Span span = builder.startSpan();
    try (Scope ignored = span.makeCurrent()) {
      return step.get();
    } catch (RuntimeException e) {
      fail(span, e);
      throw e;
    } finally {
      span.end();
    }
  }

  /** Marks {@code span} failed with the exception and its modmirror kind. */
  public static void fail(Span span, Throwable e) {
    span.recordException(e);
    span.setStatus(StatusCode.ERROR, String.valueOf(e.getMessage()));
    if (e instanceof ModmirrorException m) {
      span.setAttribute(Telemetry.ERROR_KIND, m.kind());
    }
  }
}
