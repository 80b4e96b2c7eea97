package dev.modmirror.deploy.dev;

import dev.modmirror.core.event.EventBus;
import dev.modmirror.core.event.RegionReplicated;
import dev.modmirror.core.event.VersionFailed;
import dev.modmirror.core.event.VersionWarmed;
import dev.modmirror.core.module.ModuleRef;
import dev.modmirror.core.store.ModuleStore;
import dev.modmirror.deploy.dev.VersionReport.RegionState;
import dev.modmirror.deploy.dev.VersionReport.Status;
import dev.modmirror.deploy.wiring.Mirror;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Ingests one go.mod into a running mirror, waits for every version's outcome and checks each
 * region's copy. Shared by {@code modmirror dev} and the end-to-end tests.
 */
public final class WarmAndReport {
  private final Mirror mirror;
  private final EventBus bus;
  private final List<ModuleStore> regions;
  private final Path scratch;

  public WarmAndReport(Mirror mirror, EventBus bus, List<ModuleStore> regions, Path scratch) {
    this.mirror = mirror;
    this.bus = bus;
    this.regions = List.copyOf(regions);
    this.scratch = scratch;
  }

  /** Told about a run as it goes: called on the thread that runs it. */
  public interface Listener {
    /** Ingest published requests for {@code versions} distinct versions. */
    default void requested(int versions) {}

    /** This version's outcome is final (its last region reported, or it failed, or timed out). */
    default void ended(VersionReport report) {}

    /** Hears nothing. */
    Listener NONE = new Listener() {};
  }

  /**
   * @return one report per distinct required version, in go.mod order
   * @throws dev.modmirror.core.error.InvalidInputException if the go.mod does not parse
   */
  public List<VersionReport> run(String goModName, String goMod, Duration timeout)
      throws InterruptedException {
    return run(goModName, goMod, timeout, Listener.NONE);
  }

  /**
   * As {@link #run(String, String, Duration)}, telling {@code listener} of each version as soon as
   * its outcome is final, in the order they end; once no version has ended for {@code timeout}, the
   * versions still without an outcome are told last, as timed out.
   */
  public List<VersionReport> run(
      String goModName, String goMod, Duration timeout, Listener listener)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    try (OutcomeCollector outcomes = OutcomeCollector.start(bus)) {
      List<ModuleRef> refs = mirror.ingest().ingest(goModName, goMod);
      listener.requested(refs.size());
      Set<String> names = new LinkedHashSet<>();
      regions.forEach(r -> names.add(r.name()));
      Map<ModuleRef, VersionReport> reports = new HashMap<>();
      Set<ModuleRef> pending = new LinkedHashSet<>(refs);
      while (!pending.isEmpty()) {
        List<ModuleRef> ended = outcomes.awaitEnded(pending, names, deadline);
        if (ended.isEmpty()) {
          break;
        }
        // A stall bound, not a bound on the whole run: a go.mod of a thousand requirements from
        // a slow upstream takes as long as it takes while versions keep ending.
        deadline = System.nanoTime() + timeout.toNanos();
        for (ModuleRef ref : ended) {
          pending.remove(ref);
          end(ref, report(ref, outcomes), reports, listener);
        }
      }
      for (ModuleRef ref : List.copyOf(pending)) {
        end(ref, report(ref, outcomes), reports, listener);
      }
      return refs.stream().map(reports::get).toList();
    }
  }

  private static void end(
      ModuleRef ref,
      VersionReport report,
      Map<ModuleRef, VersionReport> reports,
      Listener listener) {
    reports.put(ref, report);
    listener.ended(report);
  }

  private VersionReport report(ModuleRef ref, OutcomeCollector outcomes) {
    String traceId = outcomes.traceId(ref);
    Optional<VersionFailed> failed = outcomes.failed(ref);
    Map<String, RegionState> regionStates = new LinkedHashMap<>();
    if (failed.isPresent()) {
      regions.forEach(r -> regionStates.put(r.name(), RegionState.MISSING));
      Status status =
          switch (failed.get().status()) {
            case NOT_FOUND -> Status.NOT_FOUND;
            case PRIVATE -> Status.PRIVATE;
            case FAILED -> Status.FAILED;
            case CONFLICT -> Status.CONFLICT;
          };
      return new VersionReport(
          path(ref), ver(ref), status, "", "", regionStates, failed.get().reason(), traceId);
    }
    Optional<VersionWarmed> warmed = outcomes.warmed(ref);
    if (warmed.isEmpty()) {
      regions.forEach(r -> regionStates.put(r.name(), RegionState.MISSING));
      return new VersionReport(
          path(ref),
          ver(ref),
          Status.FAILED,
          "",
          "",
          regionStates,
          "timed out: no outcome, and no version ended for the whole timeout",
          traceId);
    }
    StringBuilder reasons = new StringBuilder();
    for (ModuleStore region : regions) {
      Optional<RegionReplicated> event = outcomes.region(ref, region.name());
      RegionState state = RegionCheck.check(region, warmed.get(), scratch);
      if (state != RegionState.OK && event.isPresent() && !event.get().ok()) {
        state = RegionState.FAILED;
        reasons.append(region.name()).append(": ").append(event.get().reason()).append("; ");
      } else if (state != RegionState.OK) {
        reasons.append(region.name()).append(": ").append(state).append("; ");
      }
      regionStates.put(region.name(), state);
    }
    VersionWarmed w = warmed.get();
    return new VersionReport(
        path(ref),
        ver(ref),
        Status.WARMED,
        w.h1(),
        w.goModH1(),
        regionStates,
        reasons.toString().strip(),
        traceId);
  }

  private static String path(ModuleRef ref) {
    return ref.path().value();
  }

  private static String ver(ModuleRef ref) {
    return ref.version().value();
  }
}
