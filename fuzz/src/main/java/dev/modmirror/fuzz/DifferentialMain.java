package dev.modmirror.fuzz;

import dev.modmirror.gotool.GoOracle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * {@code ./modmirror fuzz record [--vectors DIR]} writes {@link KnownCases} as vectors with Go's
 * verdicts. {@code ./modmirror fuzz differential [--seconds N] [--seed S] [--vectors DIR]}: runs
 * the differential fuzzer for N seconds (default 60) from seed S (default: the clock), writes every
 * disagreement as a vector file under DIR (default {@code fuzz/src/test/resources/…/vectors} when
 * run from the repository root), and ends with one {@code RESULT fuzz-differential …} line. Exits 1
 * if Go and modmirror disagreed.
 */
public final class DifferentialMain {
  private DifferentialMain() {}

  public static void main(String[] args) throws Exception {
    long seconds = 60;
    long seed = System.currentTimeMillis();
    Path vectors = Path.of("fuzz/src/test/resources/dev/modmirror/fuzz/vectors");
    boolean record = false;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "differential" -> {}
        case "record" -> record = true;
        case "--seconds" -> seconds = Long.parseLong(args[++i]);
        case "--seed" -> seed = Long.parseLong(args[++i]);
        case "--vectors" -> vectors = Path.of(args[++i]);
        default -> {
          System.err.println(
              "usage: modmirror fuzz differential [--seconds N] [--seed S] [--vectors DIR]");
          System.exit(2);
        }
      }
    }
    Path scratch = Files.createTempDirectory("modmirror-fuzz-");
    if (record) {
      try (GoOracle oracle = GoOracle.start()) {
        Differential d = new Differential(oracle, scratch, System.err);
        for (var known : KnownCases.all().entrySet()) {
          Vector v = new Vector(known.getKey(), known.getValue(), d.go(known.getValue()));
          String comment = "issue 15 differential: " + known.getKey();
          if (known.getValue().zip() != null) {
            comment += "\n" + known.getValue().zip().describe().stripTrailing();
          }
          System.err.println("written " + v.write(vectors, comment) + ": go " + v.go());
        }
      } finally {
        Files.deleteIfExists(scratch.resolve("case.zip"));
        Files.deleteIfExists(scratch);
      }
      return;
    }
    long start = System.nanoTime();
    Differential.Report report;
    try (GoOracle oracle = GoOracle.start()) {
      report =
          new Differential(oracle, scratch, System.err)
              .run(seed, Long.MAX_VALUE, Duration.ofSeconds(seconds), vectors);
    } finally {
      Files.deleteIfExists(scratch.resolve("case.zip"));
      Files.deleteIfExists(scratch);
    }
    double took = (System.nanoTime() - start) / 1e9;
    System.err.println(report.line());
    System.out.printf(
        "RESULT fuzz-differential seed=%d seconds=%.0f cases=%d disagreements=%d deliberate=%d%n",
        seed,
        took,
        report.cases(),
        report.disagreements().size(),
        report.deliberate().values().stream().mapToLong(Long::longValue).sum());
    System.exit(report.disagreements().isEmpty() ? 0 : 1);
  }
}
