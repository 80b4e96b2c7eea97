package dev.modmirror.deploy.dev;

import dev.modmirror.core.event.EventBus;
import dev.modmirror.core.event.RegionReplicated;
import dev.modmirror.core.event.VersionFailed;
import dev.modmirror.core.event.VersionWarmed;
import dev.modmirror.core.module.ModuleRef;
import dev.modmirror.core.store.ModuleStore;
import dev.modmirror.deploy.wiring.Mirror;
import java.nio.file.Path;
import java.time.Duration;
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

  /**
   * @return one report per distinct required version, in go.mod order
   * @throws dev.modmirror.core.error.InvalidInputException if the go.mod does not parse
   */
  public List<VersionReport> run(String goModName, String goMod, Duration timeout)
      throws InterruptedException {
    try (OutcomeCollector outcomes = OutcomeCollector.start(bus)) {
      List<ModuleRef> refs = mirror.ingest().ingest(goModName, goMod);
      Set<String> names = new LinkedHashSet<>();
      regions.forEach(r -> names.add(r.name()));
      outcomes.await(new LinkedHashSet<>(refs), names, timeout);
      return refs.stream().map(ref -> report(ref, outcomes)).toList();
    }
  }

  private VersionReport report(ModuleRef ref, OutcomeCollector outcomes) {
    String traceId = outcomes.traceId(ref);
    Optional<VersionFailed> failed = outcomes.failed(ref);
    Map<String, String> regionStates = new LinkedHashMap<>();
    if (failed.isPresent()) {
      regions.forEach(r -> regionStates.put(r.name(), "missing"));
      String status =
          switch (failed.get().status()) {
            case NOT_FOUND -> "not-found";
            case PRIVATE -> "private";
            case FAILED -> "failed";
            case CONFLICT -> "conflict";
          };
      return new VersionReport(
          path(ref), ver(ref), status, "", "", regionStates, failed.get().reason(), traceId);
    }
    Optional<VersionWarmed> warmed = outcomes.warmed(ref);
    if (warmed.isEmpty()) {
      regions.forEach(r -> regionStates.put(r.name(), "missing"));
      return new VersionReport(
          path(ref), ver(ref), "failed", "", "", regionStates, "timed out: no outcome", traceId);
    }
    StringBuilder reasons = new StringBuilder();
    for (ModuleStore region : regions) {
      Optional<RegionReplicated> event = outcomes.region(ref, region.name());
      String state = RegionCheck.check(region, warmed.get(), scratch);
      if (!state.equals("ok") && event.isPresent() && !event.get().ok()) {
        state = "failed";
        reasons.append(region.name()).append(": ").append(event.get().reason()).append("; ");
      } else if (!state.equals("ok")) {
        reasons.append(region.name()).append(": ").append(state).append("; ");
      }
      regionStates.put(region.name(), state);
    }
    VersionWarmed w = warmed.get();
    return new VersionReport(
        path(ref),
        ver(ref),
        "warmed",
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
