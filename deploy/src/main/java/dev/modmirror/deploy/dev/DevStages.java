package dev.modmirror.deploy.dev;

import dev.modmirror.deploy.progress.StageCounts;
import java.util.ArrayList;
import java.util.List;

/**
 * Dev mode's progress stages, in the order a version passes them: requested (published by ingest),
 * fetched, verified, stored (the warmer's spans), replicated per region (each region's copy span),
 * and failed (versions whose final report is not complete).
 */
final class DevStages {
  static final String REQUESTED = "requested";
  static final String FAILED = "failed";
  private static final String REPLICATED = "replicated ";

  private DevStages() {}

  static List<String> of(List<String> regions) {
    List<String> stages = new ArrayList<>(List.of(REQUESTED, "fetched", "verified", "stored"));
    regions.forEach(r -> stages.add(REPLICATED + r));
    stages.add(FAILED);
    return stages;
  }

  /** Counts a hop that {@link HopTimes} saw end; failed hops are counted by their outcome. */
  static void hop(StageCounts counts, String hop, boolean ok) {
    if (!ok) {
      return;
    }
    switch (hop) {
      case "publish" -> counts.add(REQUESTED);
      case "fetch" -> counts.add("fetched");
      case "verify" -> counts.add("verified");
      case "store" -> counts.add("stored");
      default -> counts.add(REPLICATED + hop);
    }
  }

  static void ended(StageCounts counts, VersionReport report) {
    counts.ended();
    if (!report.complete()) {
      counts.add(FAILED);
    }
  }
}
