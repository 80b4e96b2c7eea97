package dev.modmirror.core.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modmirror.core.module.ModuleRef;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Scope;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/** A module version's log context: its span current and its coordinates in the MDC, then undone. */
class LogContextTest {
  @Test
  void setsModuleVersionAndSpanAndRestoresWhatWasThere() {
    Span span =
        Span.wrap(
            SpanContext.create(
                "0af7651916cd43dd8448eb211c80319c",
                "b7ad6b7169203331",
                TraceFlags.getSampled(),
                TraceState.getDefault()));
    MDC.put(LogContext.MODULE, "outer.example/m");
    MDC.remove(LogContext.VERSION);
    try (Scope scope = LogContext.enter(span, ModuleRef.of("example.com/m", "v1.2.3"))) {
      assertThat(MDC.get(LogContext.MODULE)).isEqualTo("example.com/m");
      assertThat(MDC.get(LogContext.VERSION)).isEqualTo("v1.2.3");
      assertThat(Span.current()).isEqualTo(span);
    }
    assertThat(MDC.get(LogContext.MODULE)).isEqualTo("outer.example/m");
    assertThat(MDC.get(LogContext.VERSION)).isNull();
    assertThat(Span.current()).isNotEqualTo(span);
    MDC.remove(LogContext.MODULE);
  }
}
