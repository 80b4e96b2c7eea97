package dev.modmirror.adapters.streams;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modmirror.adapters.kafka.KafkaBusConfig;
import dev.modmirror.core.dedupe.DedupeRules;
import dev.modmirror.core.event.DemandKind;
import dev.modmirror.core.event.DemandObserved;
import dev.modmirror.core.event.FailureStatus;
import dev.modmirror.core.event.RequestSource;
import dev.modmirror.core.event.Topic;
import dev.modmirror.core.event.Topics;
import dev.modmirror.core.event.VersionFailed;
import dev.modmirror.core.event.VersionRequested;
import dev.modmirror.core.event.VersionWarmed;
import dev.modmirror.core.event.WarmPriority;
import dev.modmirror.core.event.WarmRequested;
import dev.modmirror.core.module.ModulePath;
import dev.modmirror.core.module.ModuleRef;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
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

class DedupeTopologyTest {
  private static final Instant T0 = Instant.parse("2026-11-25T00:00:00Z");
  private static final ModuleRef REF = ModuleRef.of("example.com/a", "v1.0.0");
  private final List<String> decisions = new ArrayList<>();
  private TopologyTestDriver driver;
  private Path stateDir;

  @BeforeEach
  void start() throws Exception {
    stateDir = Files.createTempDirectory("dedupe-test");
    StreamsBuilder builder = new StreamsBuilder();
    IngestStreams.Settings settings =
        new IngestStreams.Settings(
            "dedupe-test",
            stateDir,
            Optional.empty(),
            new DedupeRules(Duration.ofHours(1), Duration.ofHours(6)),
            Duration.ofDays(7));
    IngestStreams.build(builder, settings, (r, d) -> decisions.add(r.source() + ":" + d.reason()));
    Properties props = IngestStreams.properties(KafkaBusConfig.of("127.0.0.1:9", "test"), settings);
    driver = new TopologyTestDriver(builder.build(), props);
  }

  @AfterEach
  void stop() {
    driver.close();
    dev.modmirror.core.io.Trees.delete(stateDir);
  }

  private <E extends dev.modmirror.core.event.Event> TestInputTopic<String, E> in(Topic<E> topic) {
    return driver.createInputTopic(
        topic.name(), new StringSerializer(), JsonSerdes.event(topic).serializer());
  }

  private TestOutputTopic<String, WarmRequested> out(WarmPriority lane) {
    return driver.createOutputTopic(
        Topics.warm(lane).name(),
        new StringDeserializer(),
        JsonSerdes.event(Topics.WARM_URGENT).deserializer());
  }

  private void request(RequestSource source, Instant at) {
    in(Topics.REQUESTS).pipeInput(REF.key(), VersionRequested.of(REF, source, "t", at), at);
  }

  @Test
  void forwardsAVersionOnceWhileInFlight() {
    request(RequestSource.POPULAR, T0);
    request(RequestSource.POPULAR, T0.plusSeconds(1));
    request(RequestSource.DEMAND, T0.plusSeconds(2));

    List<WarmRequested> nightly = out(WarmPriority.NIGHTLY).readValuesToList();
    assertThat(nightly).hasSize(1);
    // The demand request moved it up: urgent, with both sources.
    List<WarmRequested> urgent = out(WarmPriority.URGENT).readValuesToList();
    assertThat(urgent)
        .singleElement()
        .satisfies(
            w ->
                assertThat(w.sources())
                    .containsExactly(RequestSource.POPULAR, RequestSource.DEMAND));
    assertThat(decisions).containsExactly("POPULAR:new", "POPULAR:in-flight", "DEMAND:upgraded");
  }

  @Test
  void dropsWarmedVersionsAndRetriesFailedOnesAfterTheDelay() {
    request(RequestSource.INDEX, T0);
    in(Topics.WARMED)
        .pipeInput(REF.key(), VersionWarmed.of(REF, "h1:a", "h1:b", 1, T0.plusSeconds(5)));
    request(RequestSource.WEBHOOK, T0.plusSeconds(10));
    assertThat(out(WarmPriority.URGENT).isEmpty()).isTrue();

    ModuleRef gone = ModuleRef.of("example.com/gone", "v1.0.0");
    in(Topics.REQUESTS)
        .pipeInput(gone.key(), VersionRequested.of(gone, RequestSource.WEBHOOK, "t", T0));
    in(Topics.FAILED)
        .pipeInput(
            gone.key(), VersionFailed.of(gone, FailureStatus.NOT_FOUND, "not-found", "404", T0));
    in(Topics.REQUESTS)
        .pipeInput(
            gone.key(), VersionRequested.of(gone, RequestSource.WEBHOOK, "t", T0.plusSeconds(60)));
    in(Topics.REQUESTS)
        .pipeInput(
            gone.key(),
            VersionRequested.of(gone, RequestSource.WEBHOOK, "t", T0.plusSeconds(7200)));

    assertThat(out(WarmPriority.BACKFILL).readValuesToList()).hasSize(1);
    assertThat(out(WarmPriority.URGENT).readValuesToList())
        .extracting(WarmRequested::ref)
        .containsExactly(gone, gone);
  }

  @Test
  void keepsTheRequestsTraceHeaders() {
    RecordHeaders headers = new RecordHeaders();
    headers.add(
        "traceparent",
        "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01".getBytes(StandardCharsets.UTF_8));
    in(Topics.REQUESTS)
        .pipeInput(
            new TestRecord<>(
                REF.key(), VersionRequested.of(REF, RequestSource.WEBHOOK, "t", T0), headers, T0));

    TestRecord<String, WarmRequested> out = out(WarmPriority.URGENT).readRecord();
    assertThat(new String(out.headers().lastHeader("traceparent").value(), StandardCharsets.UTF_8))
        .startsWith("00-0af7651916cd43dd8448eb211c80319c");
  }

  @Test
  void skipsCorruptedInputRecordsAndGoesOn() {
    var raw =
        driver.createInputTopic(
            Topics.REQUESTS.name(), new StringSerializer(), new ByteArraySerializer());
    raw.pipeInput(REF.key(), "{\"schema\":1,\"module\":".getBytes(StandardCharsets.UTF_8));
    raw.pipeInput(
        REF.key(),
        "{\"schema\":1,\"module\":\"../../etc\",\"version\":\"v1.0.0\",\"source\":\"INDEX\",\"requestedAt\":\"2026-11-25T00:00:00Z\"}"
            .getBytes(StandardCharsets.UTF_8));
    request(RequestSource.WEBHOOK, T0);

    assertThat(out(WarmPriority.URGENT).readValuesToList())
        .extracting(WarmRequested::ref)
        .containsExactly(REF);
  }

  @Test
  void countsDemandPerModuleInTheWindowIntoAQueryableStore() {
    TestInputTopic<String, DemandObserved> demand = in(Topics.DEMAND);
    Instant now = T0.plus(Duration.ofDays(10));
    for (int i = 0; i < 3; i++) {
      ModuleRef x = ModuleRef.of("example.com/x", "v1.0." + i);
      demand.pipeInput(
          x.key(), DemandObserved.of(x, DemandKind.ZIP, "t", now.minusSeconds(60 * (i + 1))));
    }
    ModuleRef y = ModuleRef.of("example.com/y", "v1.0.0");
    demand.pipeInput(y.key(), DemandObserved.of(y, DemandKind.INFO, "t", now.minusSeconds(30)));
    // Old demand, outside the window: not counted now.
    ModuleRef old = ModuleRef.of("example.com/old", "v1.0.0");
    for (int i = 0; i < 5; i++) {
      demand.pipeInput(old.key(), DemandObserved.of(old, DemandKind.ZIP, "t", T0.plusSeconds(i)));
    }

    DemandCounts counts =
        new DemandCounts(
            () -> driver.<String, Long>getWindowStore(DemandTopology.STORE),
            Duration.ofDays(7),
            Clock.fixed(now, ZoneOffset.UTC));
    assertThat(counts.counts()).containsOnlyKeys("example.com/x", "example.com/y");
    assertThat(counts.counts()).containsEntry("example.com/x", 3L);
    assertThat(counts.top(1)).containsExactly(ModulePath.of("example.com/x"));
    assertThat(Serdes.String()).isNotNull();
  }

  @Test
  void aSweepForgetsWarmedStatesPastTheirRetentionAndTheNextRequestIsForwardedOnceMore() {
    // The sweep runs on wall-clock time; the states' ages are the events' own times.
    Instant wall = Instant.now();
    ModuleRef old = ModuleRef.of("example.com/old", "v1.0.0");
    ModuleRef young = ModuleRef.of("example.com/young", "v1.0.0");
    in(Topics.WARMED)
        .pipeInput(
            old.key(), VersionWarmed.of(old, "h1:a", "h1:b", 1, wall.minus(Duration.ofDays(8))));
    in(Topics.WARMED)
        .pipeInput(
            young.key(),
            VersionWarmed.of(young, "h1:a", "h1:b", 1, wall.minus(Duration.ofDays(6))));
    var store =
        driver.<String, dev.modmirror.core.dedupe.VersionState>getKeyValueStore(
            DedupeTopology.STORE);
    assertThat(store.get(old.key())).isNotNull();

    driver.advanceWallClockTime(DedupeTopology.SWEEP_EVERY);

    assertThat(store.get(old.key())).isNull();
    assertThat(store.get(young.key())).isNotNull();
    for (ModuleRef ref : List.of(old, young)) {
      in(Topics.REQUESTS)
          .pipeInput(ref.key(), VersionRequested.of(ref, RequestSource.WEBHOOK, "t", wall));
    }
    assertThat(out(WarmPriority.URGENT).readValuesToList())
        .extracting(WarmRequested::ref)
        .containsExactly(old);
    assertThat(decisions).containsExactly("WEBHOOK:new", "WEBHOOK:warmed");
  }
}
