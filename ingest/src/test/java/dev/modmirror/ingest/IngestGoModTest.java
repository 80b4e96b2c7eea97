package dev.modmirror.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modmirror.core.event.RequestSource;
import dev.modmirror.core.event.Topics;
import dev.modmirror.core.event.VersionRequested;
import dev.modmirror.core.gomod.GoModSyntaxException;
import dev.modmirror.core.module.ModuleRef;
import dev.modmirror.core.telemetry.Telemetry;
import dev.modmirror.testkit.memory.InMemoryEventBus;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.testing.junit5.OpenTelemetryExtension;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class IngestGoModTest {
  @RegisterExtension final OpenTelemetryExtension otel = OpenTelemetryExtension.create();
  private final InMemoryEventBus bus = InMemoryEventBus.create();
  private IngestGoMod ingest;

  /** After the extension's reset, which drops instruments made before it. */
  @BeforeEach
  void setUp() {
    ingest = new IngestGoMod(bus, otel.getOpenTelemetry(), Clock.systemUTC());
  }

  @AfterEach
  void tearDown() {
    bus.close();
  }

  @Test
  void publishesOneRequestPerDistinctRequirement() throws Exception {
    BlockingQueue<VersionRequested> published = new LinkedBlockingQueue<>();
    bus.subscribe(Topics.REQUESTS, "test", published::add);

    List<ModuleRef> refs =
        ingest.ingest(
            "app/go.mod",
            """
            module example.com/app

            go 1.21

            require (
            \tgithub.com/Azure/go-autorest v14.2.0+incompatible
            \tgolang.org/x/mod v0.14.0 // indirect
            )

            require golang.org/x/mod v0.14.0
            """);

    assertThat(refs)
        .containsExactly(
            ModuleRef.of("github.com/Azure/go-autorest", "v14.2.0+incompatible"),
            ModuleRef.of("golang.org/x/mod", "v0.14.0"));
    for (int i = 0; i < 2; i++) {
      VersionRequested request = published.poll(5, TimeUnit.SECONDS);
      assertThat(request).isNotNull();
      assertThat(request.source()).isEqualTo(RequestSource.GOMOD);
      assertThat(request.origin()).isEqualTo("gomod:app/go.mod");
    }
  }

  @Test
  void startsANewTracePerModuleVersion() {
    ingest.ingest(
        "go.mod",
        "module example.com/a\n\nrequire (\n\texample.com/b v1.0.0\n\texample.com/c v1.0.0\n)\n");

    List<SpanData> publishes =
        otel.getSpans().stream()
            .filter(s -> s.getName().equals(Telemetry.SPAN_INGEST_PUBLISH))
            .toList();
    assertThat(publishes).hasSize(2);
    assertThat(publishes.get(0).getTraceId()).isNotEqualTo(publishes.get(1).getTraceId());
    assertThat(publishes).allMatch(s -> !s.getParentSpanContext().isValid());
  }

  @Test
  void aSyntaxErrorPublishesNothingAndIsCounted() throws Exception {
    BlockingQueue<VersionRequested> published = new LinkedBlockingQueue<>();
    bus.subscribe(Topics.REQUESTS, "test", published::add);

    assertThatThrownBy(
            () ->
                ingest.ingest(
                    "bad/go.mod",
                    "module example.com/a\nrequire example.com/b v1.0.0\nrequire example.com/c\n"))
        .isInstanceOf(GoModSyntaxException.class)
        .hasMessageStartingWith("bad/go.mod:3:");

    assertThat(published.poll(200, TimeUnit.MILLISECONDS)).isNull();
    assertThat(otel.getMetrics())
        .filteredOn(m -> m.getName().equals("modmirror.ingest.rejected"))
        .singleElement()
        .extracting(MetricData::getLongSumData)
        .satisfies(
            sum ->
                assertThat(sum.getPoints())
                    .singleElement()
                    .extracting(p -> p.getValue())
                    .isEqualTo(1L));
  }
}
