package dev.modmirror.adapters.streams;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modmirror.adapters.kafka.KafkaBusConfig;
import dev.modmirror.core.dedupe.DedupeRules;
import dev.modmirror.core.event.RequestSource;
import dev.modmirror.core.event.Topics;
import dev.modmirror.core.event.VersionRequested;
import dev.modmirror.core.event.WarmPriority;
import dev.modmirror.core.event.WarmRequested;
import dev.modmirror.core.module.ModuleRef;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.junit5.OpenTelemetryExtension;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The dedupe stage's hop in each version's trace, and the links where it joins requests. */
class DedupeTracingTest {
  private static final Instant T0 = Instant.parse("2026-11-25T00:00:00Z");
  private static final ModuleRef REF = ModuleRef.of("example.com/a", "v1.0.0");
  private static final String FIRST_TRACE = "0af7651916cd43dd8448eb211c80319c";
  private static final String SECOND_TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";

  @RegisterExtension final OpenTelemetryExtension otel = OpenTelemetryExtension.create();
  private TopologyTestDriver driver;
  private Path stateDir;

  @BeforeEach
  void start() throws Exception {
    stateDir = Files.createTempDirectory("dedupe-tracing");
    StreamsBuilder builder = new StreamsBuilder();
    IngestStreams.Settings settings =
        new IngestStreams.Settings(
            "dedupe-tracing",
            stateDir,
            Optional.empty(),
            DedupeRules.defaults(),
            Duration.ofDays(7));
    IngestStreams.build(builder, settings, (r, d) -> {}, otel.getOpenTelemetry());
    Properties props = IngestStreams.properties(KafkaBusConfig.of("127.0.0.1:9", "test"), settings);
    driver = new TopologyTestDriver(builder.build(), props);
  }

  @AfterEach
  void stop() {
    driver.close();
    dev.modmirror.core.io.Trees.delete(stateDir);
  }

  @Test
  void aForwardedRequestCarriesTheDedupeSpanInItsTrace() {
    request(FIRST_TRACE, "00f067aa0ba902b7", T0);

    TestRecord<String, WarmRequested> warm = urgent().readRecord();
    SpanData dedupe = only("ingest.dedupe");
    assertThat(dedupe.getTraceId()).isEqualTo(FIRST_TRACE);
    assertThat(dedupe.getParentSpanId()).isEqualTo("00f067aa0ba902b7");
    assertThat(dedupe.getKind()).isEqualTo(SpanKind.CONSUMER);
    assertThat(new String(warm.headers().lastHeader("traceparent").value(), StandardCharsets.UTF_8))
        .isEqualTo("00-" + FIRST_TRACE + "-" + dedupe.getSpanId() + "-01");
  }

  @Test
  void aDuplicateIsLinkedToTheTraceThatWarmsTheVersion() {
    request(FIRST_TRACE, "00f067aa0ba902b7", T0);
    request(SECOND_TRACE, "b7ad6b7169203331", T0.plusSeconds(1));

    assertThat(urgent().readRecordsToList()).hasSize(1);
    List<SpanData> spans =
        otel.getSpans().stream().filter(s -> s.getName().equals("ingest.dedupe")).toList();
    SpanData forwarded = spans.get(0);
    SpanData duplicate = spans.get(1);
    assertThat(duplicate.getTraceId()).isEqualTo(SECOND_TRACE);
    assertThat(duplicate.getLinks())
        .singleElement()
        .satisfies(
            link -> {
              assertThat(link.getSpanContext().getTraceId()).isEqualTo(FIRST_TRACE);
              assertThat(link.getSpanContext().getSpanId()).isEqualTo(forwarded.getSpanId());
            });
  }

  private void request(String traceId, String parentSpanId, Instant at) {
    RecordHeaders headers = new RecordHeaders();
    headers.add(
        "traceparent",
        ("00-" + traceId + "-" + parentSpanId + "-01").getBytes(StandardCharsets.UTF_8));
    TestInputTopic<String, VersionRequested> in =
        driver.createInputTopic(
            Topics.REQUESTS.name(),
            new StringSerializer(),
            JsonSerdes.event(Topics.REQUESTS).serializer());
    in.pipeInput(
        new TestRecord<>(
            REF.key(), VersionRequested.of(REF, RequestSource.WEBHOOK, "t", at), headers, at));
  }

  private TestOutputTopic<String, WarmRequested> urgent() {
    return driver.createOutputTopic(
        Topics.warm(WarmPriority.URGENT).name(),
        new StringDeserializer(),
        JsonSerdes.event(Topics.WARM_URGENT).deserializer());
  }

  private SpanData only(String name) {
    return otel.getSpans().stream()
        .filter(s -> s.getName().equals(name))
        .reduce(
            (a, b) -> {
              throw new AssertionError("more than one " + name);
            })
        .orElseThrow();
  }
}
