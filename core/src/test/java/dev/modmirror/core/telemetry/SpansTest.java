package dev.modmirror.core.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modmirror.core.error.PermanentException;
import dev.modmirror.core.module.ModuleRef;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.sdk.testing.junit5.OpenTelemetryExtension;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A step's span carries the module version, and a failure with its kind. */
class SpansTest {
  @RegisterExtension static final OpenTelemetryExtension OTEL = OpenTelemetryExtension.create();

  private static final ModuleRef REF = ModuleRef.of("example.com/M", "v1.0.0");

  @Test
  void recordsTheModuleVersionAndTheTraceIdOfTheCurrentSpan() {
    Tracer tracer = OTEL.getOpenTelemetry().getTracer(Telemetry.SCOPE);
    assertThat(TraceIds.current()).isEqualTo("-");
    String inside =
        Spans.inSpan(Spans.forRef(tracer, Telemetry.SPAN_WARMER_FETCH, REF), TraceIds::current);
    SpanData span = OTEL.getSpans().get(0);
    assertThat(span.getName()).isEqualTo("warmer.fetch");
    assertThat(span.getAttributes().get(Telemetry.MODULE)).isEqualTo("example.com/M");
    assertThat(span.getAttributes().get(Telemetry.VERSION)).isEqualTo("v1.0.0");
    assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
    assertThat(inside).isEqualTo(span.getTraceId());
  }

  @Test
  void marksAFailedStepWithTheErrorAndItsKindAndRethrows() {
    Tracer tracer = OTEL.getOpenTelemetry().getTracer(Telemetry.SCOPE);
    PermanentException failure = new PermanentException("gone for good", REF);
    assertThatThrownBy(
            () ->
                Spans.inSpan(
                    Spans.forRef(tracer, Telemetry.SPAN_WARMER_VERIFY, REF),
                    () -> {
                      throw failure;
                    }))
        .isSameAs(failure);
    SpanData span = OTEL.getSpans().get(0);
    assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(span.getStatus().getDescription()).isEqualTo("gone for good");
    assertThat(span.getAttributes().get(Telemetry.ERROR_KIND)).isEqualTo("permanent");
    assertThat(span.getEvents()).extracting(e -> e.getName()).containsExactly("exception");
    assertThat(span.hasEnded()).isTrue();

    Span plain = tracer.spanBuilder("x").startSpan();
    Spans.fail(plain, new IllegalStateException((String) null));
    plain.end();
    SpanData other = OTEL.getSpans().get(1);
    assertThat(other.getStatus().getDescription()).isEqualTo("null");
    assertThat(other.getAttributes().get(Telemetry.ERROR_KIND)).isNull();
  }
}
