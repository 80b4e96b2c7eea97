package dev.modmirror.ingest.nightly;

import dev.modmirror.core.demand.DemandRanking;
import dev.modmirror.core.error.ModmirrorException;
import dev.modmirror.core.error.NotFoundException;
import dev.modmirror.core.event.EventBus;
import dev.modmirror.core.event.RequestSource;
import dev.modmirror.core.event.Topics;
import dev.modmirror.core.event.VersionRequested;
import dev.modmirror.core.module.ModulePath;
import dev.modmirror.core.module.ModuleRef;
import dev.modmirror.core.module.ModuleVersion;
import dev.modmirror.core.store.ModuleStore;
import dev.modmirror.core.telemetry.Spans;
import dev.modmirror.core.telemetry.Telemetry;
import dev.modmirror.core.upstream.Upstream;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One prefetch run: the top N modules by demand, then the configured list; for each, the versions
 * the upstream's {@code @v/list} shows (or, when it lists none, the one {@code @latest} names) and
 * the bucket lacks, newest first, at most {@code perModule}, each requested with source {@code
 * POPULAR} (the nightly lane). A module the upstream does not know, or that fails, is logged and
 * counted and the run goes on. Safe to run on several replicas at once and to repeat: the dedupe
 * stage drops what is already warmed or in flight.
 */
public final class NightlyPrefetch {
  private static final Logger LOG = LoggerFactory.getLogger(NightlyPrefetch.class);

  /**
   * What a run did.
   *
   * @param modules the modules looked at, in order
   * @param requested the versions requested
   * @param failed modules that could not be listed, with the reason
   */
  public record Report(
      List<ModulePath> modules, List<ModuleRef> requested, Map<ModulePath, String> failed) {}

  private final DemandRanking ranking;
  private final Upstream upstream;
  private final ModuleStore store;
  private final EventBus bus;
  private final PrefetchSettings settings;
  private final Clock clock;
  private final Tracer tracer;
  private final LongCounter published;

  public NightlyPrefetch(
      DemandRanking ranking,
      Upstream upstream,
      ModuleStore store,
      EventBus bus,
      PrefetchSettings settings,
      OpenTelemetry telemetry,
      Clock clock) {
    this.ranking = ranking;
    this.upstream = upstream;
    this.store = store;
    this.bus = bus;
    this.settings = settings;
    this.clock = clock;
    this.tracer = telemetry.getTracer(Telemetry.SCOPE);
    this.published =
        telemetry
            .getMeter(Telemetry.SCOPE)
            .counterBuilder("modmirror.ingest.requests")
            .setDescription("Requests published, by source")
            .build();
  }

  /** Runs once; never throws for one module's failure. */
  public Report run() {
    Set<ModulePath> modules = new LinkedHashSet<>();
    try {
      modules.addAll(ranking.top(settings.top()));
    } catch (ModmirrorException e) {
      LOG.warn(
          "prefetch: demand ranking unavailable, using the configured list only: {}",
          e.getMessage());
    }
    modules.addAll(settings.modules());
    List<ModuleRef> requested = new ArrayList<>();
    Map<ModulePath, String> failed = new LinkedHashMap<>();
    int rank = 0;
    for (ModulePath module : modules) {
      rank++;
      try {
        for (ModuleVersion version : missing(module)) {
          ModuleRef ref = new ModuleRef(module, version);
          publish(ref, "nightly:" + rank);
          requested.add(ref);
        }
      } catch (ModmirrorException e) {
        failed.put(module, e.getMessage());
        LOG.warn("prefetch: {} skipped: {}", module, e.getMessage());
      }
    }
    LOG.info(
        "prefetch: {} modules, {} versions requested, {} modules failed",
        modules.size(),
        requested.size(),
        failed.size());
    return new Report(List.copyOf(modules), List.copyOf(requested), failed);
  }

  private List<ModuleVersion> missing(ModulePath module) {
    Set<ModuleVersion> stored = new HashSet<>(store.completeVersions(module));
    List<ModuleVersion> listed = upstream.list(module);
    if (listed.isEmpty()) {
      // No tagged version: the go command would use what @latest names (a pseudo-version).
      try {
        listed = List.of(upstream.latest(module));
      } catch (NotFoundException e) {
        listed = List.of();
      }
    }
    return listed.stream()
        .filter(v -> !stored.contains(v))
        .sorted(Comparator.reverseOrder())
        .limit(settings.perModule())
        .toList();
  }

  private void publish(ModuleRef ref, String origin) {
    Span span =
        Spans.forRef(tracer, Telemetry.SPAN_INGEST_PUBLISH, ref)
            .setParent(Context.root())
            .setAttribute(Telemetry.SOURCE, RequestSource.POPULAR.name())
            .startSpan();
    try (Scope ignored = span.makeCurrent()) {
      bus.publish(
          Topics.REQUESTS,
          VersionRequested.of(ref, RequestSource.POPULAR, origin, clock.instant()));
      published.add(1, Attributes.of(Telemetry.SOURCE, RequestSource.POPULAR.name()));
    } catch (RuntimeException e) {
      Spans.fail(span, e);
      throw e;
    } finally {
      span.end();
    }
  }
}
