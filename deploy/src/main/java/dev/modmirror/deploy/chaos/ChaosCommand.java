package dev.modmirror.deploy.chaos;

import dev.modmirror.core.io.Trees;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code modmirror chaos}: the mirror as separate processes under load and a seeded schedule of
 * faults, then its invariants checked from the buckets and topics. Exit 0 when every invariant held
 * and every fault was recovered from, 1 otherwise.
 */
@Command(
    name = "chaos",
    mixinStandardHelpOptions = true,
    description = {
      "Starts three Kafka brokers, S3 for the primary and two regions, ingest, two warmers, a",
      "replicator per region and serve as separate processes, feeds them versions (index feed,",
      "webhooks, go.mod files) and injects faults from a seeded schedule; then lets them settle,",
      "runs reconcile, and checks what the buckets and topics hold. Ends with RESULT chaos ...",
      "See docs/reliability.md."
    })
public final class ChaosCommand implements Callable<Integer> {
  @Option(names = "--minutes", defaultValue = "10", description = "Minutes of faults (default 10).")
  double minutes;

  @Option(names = "--seed", description = "Seed of the schedule and catalog (default: the clock).")
  Long seed;

  @Option(names = "--rate", defaultValue = "2", description = "Versions requested per second.")
  double rate;

  @Option(
      names = "--upstream-fault-rate",
      defaultValue = "0.1",
      description = "Share of upstream answers broken while faults run (default 0.1).")
  double upstreamFaultRate;

  @Option(
      names = "--settle",
      defaultValue = "PT10M",
      description = "Longest wait after the faults for every request to end (default PT10M).")
  Duration settle;

  @Option(names = "--data-dir", description = "Where to keep data and logs (default: temp, kept).")
  Path dataDir;

  private final PrintStream out;
  private final PrintStream err;

  public ChaosCommand() {
    this(System.out, System.err);
  }

  ChaosCommand(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  @Override
  public Integer call() throws Exception {
    long s = seed != null ? seed : System.currentTimeMillis();
    Path dir = dataDir != null ? dataDir : Files.createTempDirectory("modmirror-chaos-");
    ChaosSettings settings;
    try {
      settings =
          new ChaosSettings(
              Duration.ofMillis((long) (minutes * 60_000)),
              s,
              rate,
              upstreamFaultRate,
              settle,
              dir);
    } catch (IllegalArgumentException e) {
      err.println("modmirror chaos: " + e.getMessage());
      return 2;
    }
    ChaosReport report;
    try (ChaosRun run = new ChaosRun(settings, err)) {
      report = run.run();
    }
    out.print(report.text());
    out.println(report.resultLine());
    out.flush();
    if (report.passed() && dataDir == null) {
      Trees.deleteQuietly(dir);
    } else {
      err.println("chaos: data and logs kept under " + dir);
    }
    return report.passed() ? 0 : 1;
  }
}
