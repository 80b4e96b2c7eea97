package dev.modmirror.warmer;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import ch.qos.logback.core.spi.AppenderAttachable;
import dev.modmirror.core.event.Delivery;
import dev.modmirror.core.event.RequestSource;
import dev.modmirror.core.event.VersionRequested;
import dev.modmirror.core.event.WarmRequested;
import dev.modmirror.core.module.ModuleRef;
import dev.modmirror.core.sumdb.ChecksumPolicy;
import dev.modmirror.core.telemetry.Telemetry;
import dev.modmirror.embedded.module.BuiltModule;
import dev.modmirror.embedded.module.ModuleBuilder;
import dev.modmirror.testkit.memory.InMemoryEventBus;
import dev.modmirror.testkit.memory.InMemoryModuleStore;
import dev.modmirror.testkit.memory.InMemoryUpstream;
import io.opentelemetry.sdk.testing.junit5.OpenTelemetryExtension;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Log lines about a module version carry its trace id, span id, module and version in the MDC,
 * through the OpenTelemetry logback appender configured in logback-test.xml as in production's
 * logback.xml, not by text appended to the message.
 */
class LogCorrelationTest {
  /** The one delivery of a request whose config allows one attempt. */
  private static final Delivery ONLY = new Delivery(1, 1, Instant.parse("2100-01-01T00:00:00Z"));

  @RegisterExtension final OpenTelemetryExtension otel = OpenTelemetryExtension.create();
  @TempDir Path spool;
  private final ListAppender<ILoggingEvent> lines = new ListAppender<>();
  private final InMemoryEventBus bus = InMemoryEventBus.create();
  private AppenderAttachable<ILoggingEvent> otelAppender;

  @BeforeEach
  @SuppressWarnings("unchecked")
  void listen() {
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    otelAppender = (AppenderAttachable<ILoggingEvent>) root.getAppender("OTEL");
    lines.start();
    otelAppender.addAppender(lines);
  }

  @AfterEach
  void stop() {
    otelAppender.detachAppender(lines);
    bus.close();
  }

  @Test
  void logLinesAboutAVersionCarryItsTraceSpanModuleAndVersion() {
    BuiltModule module =
        ModuleBuilder.module("example.com/Logged")
            .version("v1.0.0")
            .file("a.go", "package a\n")
            .build();
    InMemoryUpstream upstream = InMemoryUpstream.create();
    upstream.add(module);
    WarmerConfig config =
        new WarmerConfig(spool, 1, Duration.ofMillis(1), WarmerConfig.MAX_ZIP_BYTES, "g", 1);
    new WarmModuleVersion(
            upstream,
            InMemoryModuleStore.create("primary"),
            ChecksumPolicy.off(),
            bus,
            otel.getOpenTelemetry(),
            config,
            Clock.systemUTC())
        .handle(request(module.ref()), ONLY);

    SpanData warm =
        otel.getSpans().stream()
            .filter(s -> s.getName().equals(Telemetry.SPAN_WARMER_WARM))
            .findFirst()
            .orElseThrow();
    ILoggingEvent warmed =
        lines.list.stream()
            .filter(e -> e.getFormattedMessage().startsWith("warmed example.com/Logged@v1.0.0"))
            .findFirst()
            .orElseThrow();
    Map<String, String> mdc = warmed.getMDCPropertyMap();
    assertThat(mdc)
        .containsEntry("trace_id", warm.getTraceId())
        .containsEntry("span_id", warm.getSpanId())
        .containsEntry("module", "example.com/Logged")
        .containsEntry("version", "v1.0.0");
    assertThat(warmed.getFormattedMessage()).doesNotContain(warm.getTraceId());
  }

  @Test
  void aLineOutsideAnySpanCarriesNoTraceAndNoModule() {
    LoggerFactory.getLogger(LogCorrelationTest.class).warn("between versions");

    ILoggingEvent line = lines.list.get(lines.list.size() - 1);
    assertThat(line.getMDCPropertyMap()).doesNotContainKeys("trace_id", "module", "version");
  }

  private static WarmRequested request(ModuleRef ref) {
    return WarmRequested.first(
        VersionRequested.of(ref, RequestSource.MANUAL, "test", Clock.systemUTC().instant()));
  }
}
