package dev.modmirror.ingest;

import dev.modmirror.core.error.InvalidInputException;
import dev.modmirror.core.event.EventBus;
import dev.modmirror.core.event.RequestSource;
import dev.modmirror.core.event.Topics;
import dev.modmirror.core.event.VersionRequested;
import dev.modmirror.core.gomod.GoModFile;
import dev.modmirror.core.gomod.GoModParser;
import dev.modmirror.core.gomod.MainRequirements;
import dev.modmirror.core.module.ModuleRef;
import dev.modmirror.core.telemetry.LogContext;
import dev.modmirror.core.telemetry.Spans;
import dev.modmirror.core.telemetry.Telemetry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a go.mod and publishes one {@link VersionRequested} per distinct module version that the go
 * command fetches for its requirements ({@link MainRequirements}: a replacement target instead of
 * the replaced version, nothing for a local directory or an excluded version). The whole file is
 * parsed before anything is published, so a file with a syntax error publishes nothing. Each
 * version starts its own trace: one trace per module version. Sources other than one go.mod text
 * (directory trees, go.work, URLs, the module graph) are in {@code dev.modmirror.ingest.gomod}.
 */
public final class IngestGoMod {
  private static final Logger LOG = LoggerFactory.getLogger(IngestGoMod.class);

  private final EventBus bus;
  private final Tracer tracer;
  private final LongCounter rejected;
  private final LongCounter published;
  private final Clock clock;

  public IngestGoMod(EventBus bus, OpenTelemetry telemetry, Clock clock) {
    this.bus = bus;
    this.tracer = telemetry.getTracer(Telemetry.SCOPE);
    var meter = telemetry.getMeter(Telemetry.SCOPE);
    this.rejected =
        meter
            .counterBuilder("modmirror.ingest.rejected")
            .setDescription("Inputs rejected by ingest, by input kind")
            .build();
    this.published =
        meter
            .counterBuilder("modmirror.ingest.requests")
            .setDescription("Requests published, by source")
            .build();
    this.clock = clock;
  }

  /**
   * Parses {@code content} and publishes its requirements.
   *
   * @param fileName names the file in errors and in each request's origin
   * @return the module versions published, in file order, without repeats
   * @throws InvalidInputException if the file does not parse; nothing was published
   */
  public List<ModuleRef> ingest(String fileName, String content) {
    GoModFile file = parse(fileName, content);
    return publish(MainRequirements.fetched(MainRequirements.of(fileName, file)), fileName);
  }

  /**
   * Publishes one request per distinct version, in order.
   *
   * @param fileName the go.mod, go.work or source they come from, recorded as each one's origin
   * @return the versions published, without repeats
   */
  public List<ModuleRef> publish(List<ModuleRef> refs, String fileName) {
    List<ModuleRef> distinct = List.copyOf(new LinkedHashSet<>(refs));
    // Every request is sent before any acknowledgement is awaited: a file of 200 requirements
    // costs about one round trip to the broker, not 200.
    List<CompletableFuture<Void>> acks = new ArrayList<>();
    for (ModuleRef ref : distinct) {
      acks.add(publish(ref, "gomod:" + fileName));
    }
    try {
      CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException cause ? cause : e;
    }
    return distinct;
  }

  /**
   * Counts and logs an input that publishes nothing (a go.mod that does not parse, a source that
   * cannot be read), on a span of its own.
   */
  public void rejected(String fileName, RuntimeException e) {
    Span span =
        tracer
            .spanBuilder("ingest.parse")
            .setParent(Context.root())
            .setAttribute(Telemetry.INPUT, "gomod")
            .startSpan();
    try (Scope ignored = span.makeCurrent()) {
      Spans.fail(span, e);
      count(fileName, e);
    } finally {
      span.end();
    }
  }

  private void count(String fileName, RuntimeException e) {
    rejected.add(1, Attributes.of(Telemetry.INPUT, "gomod"));
    LOG.warn("rejected go.mod {}: {}", fileName, e.getMessage());
  }

  private GoModFile parse(String fileName, String content) {
    Span span =
        tracer
            .spanBuilder("ingest.parse")
            .setParent(Context.root())
            .setAttribute(Telemetry.INPUT, "gomod")
            .startSpan();
    try (Scope ignored = span.makeCurrent()) {
      return GoModParser.parse(fileName, content);
    } catch (InvalidInputException e) {
      Spans.fail(span, e);
      count(fileName, e);
      throw e;
    } finally {
      span.end();
    }
  }

  private CompletableFuture<Void> publish(ModuleRef ref, String origin) {
    // A new root per version: its trace then follows it through warmer and every region.
    Span span =
        Spans.forRef(tracer, Telemetry.SPAN_INGEST_PUBLISH, ref)
            .setParent(Context.root())
            .setAttribute(Telemetry.SOURCE, RequestSource.GOMOD.name())
            .startSpan();
    CompletionStage<Void> acked;
    try (Scope ignored = LogContext.enter(span, ref)) {
      acked =
          bus.publishAsync(
              Topics.REQUESTS,
              VersionRequested.of(ref, RequestSource.GOMOD, origin, clock.instant()));
    }
    return acked
        .whenComplete(
            (ok, error) -> {
              if (error == null) {
                published.add(1, Attributes.of(Telemetry.SOURCE, RequestSource.GOMOD.name()));
              } else {
                Spans.fail(span, error instanceof CompletionException c ? c.getCause() : error);
              }
              span.end();
            })
        .toCompletableFuture();
  }
}
