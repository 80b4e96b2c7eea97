package dev.modmirror.deploy.chaos;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/**
 * {@code ./modmirror bench soak [--minutes N] [--rate R] [--seed S] [--warm-up-minutes W]}: the
 * chaos run's mirror (three brokers, ingest, two warmers, a replicator per region, serve, each its
 * own process) under its steady load with no fault at all, every service sampled every 10 s; prints
 * each process's heap after GC, threads and open files with their slopes per hour, the spool's, and
 * ends with {@code RESULT soak …} (the largest slope of any process, fitted to the samples after
 * the first {@code W} minutes: by default a sixth of the run, at most 5). The invariants are
 * checked as after a chaos run. Never part of the test suite.
 */
public final class SoakBench {
  private SoakBench() {}

  public static void main(String[] args) throws Exception {
    double minutes = 30;
    // Half of what the whole pipeline sustained on the shared 2-core machine (about 10/s held,
    // 20/s did not: docs/benchmarks.md, Soak), so that a long run stays steady beside builds.
    double rate = 5;
    long seed = System.currentTimeMillis();
    double warmUpMinutes = -1;
    for (int i = 0; i + 1 < args.length; i += 2) {
      switch (args[i]) {
        case "--minutes" -> minutes = Double.parseDouble(args[i + 1]);
        case "--rate" -> rate = Double.parseDouble(args[i + 1]);
        case "--seed" -> seed = Long.parseLong(args[i + 1]);
        case "--warm-up-minutes" -> warmUpMinutes = Double.parseDouble(args[i + 1]);
        default -> {
          System.err.println("soak: unknown option " + args[i]);
          System.exit(2);
        }
      }
    }
    if (warmUpMinutes < 0) {
      warmUpMinutes = Math.min(5, minutes / 6);
    }
    Path dir = Files.createTempDirectory("modmirror-soak-");
    ChaosSettings settings =
        new ChaosSettings(
            Duration.ofMillis((long) (minutes * 60_000)),
            seed,
            rate,
            0,
            Duration.ofMinutes(10),
            dir);
    ProcessSampler sampler =
        new ProcessSampler(
            ChaosRun.spoolDir(dir), Duration.ofMillis((long) (warmUpMinutes * 60_000)));
    ChaosReport report;
    try (ChaosRun run = new ChaosRun(settings, System.err, sampler)) {
      report = run.run();
    }
    System.out.print(sampler.table());
    System.out.print(report.text());
    Verdict v = report.verdict();
    System.out.println(
        String.format(
            Locale.ROOT,
            "RESULT soak minutes=%s rate=%.1f versions=%d heap_slope_mib_per_h=%.2f"
                + " threads_slope_per_h=%.2f fd_slope_per_h=%.2f spool_slope_mib_per_h=%.2f"
                + " lost=%d partial=%d corrupt_stored=%d warm_up_minutes=%s open_at_stop=%d"
                + " settle_s=%.0f backlog_slope_per_min=%.1f",
            minutes == Math.rint(minutes)
                ? Long.toString((long) minutes)
                : Double.toString(minutes),
            rate,
            v.versions(),
            sampler.maxSlope("heap_mib"),
            sampler.maxSlope("threads"),
            sampler.maxSlope("fds"),
            sampler.spoolSlope(),
            v.lost(),
            v.partial(),
            v.corruptStored(),
            warmUpMinutes == Math.rint(warmUpMinutes)
                ? Long.toString((long) warmUpMinutes)
                : Double.toString(warmUpMinutes),
            report.openAtStop(),
            report.settleSeconds(),
            sampler.backlogSlopePerMinute()));
    System.err.println("soak: data and logs under " + dir);
    System.exit(v.clean() ? 0 : 1);
  }
}
