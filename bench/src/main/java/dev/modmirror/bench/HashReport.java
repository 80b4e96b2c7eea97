package dev.modmirror.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Locale;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs {@link HashBenchmark} briefly and prints one machine-readable line, {@code RESULT hash
 * h1_mib_s=… sha256_mib_s=… ratio=…}, for scripts ({@code ./modmirror bench hash}). Usage: {@code
 * java -cp benchmarks.jar dev.modmirror.bench.HashReport [iterations]}.
 */
public final class HashReport {
  private HashReport() {}

  public static void main(String[] args) throws Exception {
    int iterations = args.length > 0 ? Integer.parseInt(args[0]) : 3;
    Path probe = BenchZips.write100MiB(Files.createTempFile("modmirror-bench", ".zip"), false);
    double mib = HashBenchmark.zipMiB(probe);
    Files.delete(probe);
    Options options =
        new OptionsBuilder()
            .include(HashBenchmark.class.getName())
            .param("content", "binary")
            .warmupIterations(1)
            .measurementIterations(iterations)
            .forks(1)
            .build();
    Collection<RunResult> results = new Runner(options).run();
    double h1 = 0;
    double sha = 0;
    for (RunResult r : results) {
      double mibPerSecond = mib * 1000 / r.getPrimaryResult().getScore();
      if (r.getParams().getBenchmark().endsWith(".h1")) {
        h1 = mibPerSecond;
      } else {
        sha = mibPerSecond;
      }
    }
    System.out.printf(
        Locale.ROOT,
        "RESULT hash h1_mib_s=%.0f sha256_mib_s=%.0f ratio=%.2f zip_mib=%.1f%n",
        h1,
        sha,
        h1 / sha,
        mib);
  }
}
