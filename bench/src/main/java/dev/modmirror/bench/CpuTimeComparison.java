package dev.modmirror.bench;

import dev.modmirror.core.hash.DirHash;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * h1 against SHA-256 on the same 100 MiB zip, alternating one run of each per round and timing the
 * thread's CPU time as well as wall-clock time. On a shared, overloaded machine wall-clock JMH
 * scores swing by 2x between iterations; CPU time of interleaved runs is the steadier comparison.
 * Usage: {@code java -cp benchmarks.jar dev.modmirror.bench.CpuTimeComparison [rounds]}.
 */
public final class CpuTimeComparison {
  private CpuTimeComparison() {}

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
    Path zip = BenchZips.write100MiB(Files.createTempFile("modmirror-bench", ".zip"), false);
    try {
      double mib = HashBenchmark.zipMiB(zip);
      ThreadMXBean mx = ManagementFactory.getThreadMXBean();
      long[][] h1 = new long[2][rounds];
      long[][] plain = new long[2][rounds];
      for (int i = -3; i < rounds; i++) {
        long c0 = mx.getCurrentThreadCpuTime();
        long w0 = System.nanoTime();
        DirHash.hashZip(zip);
        long c1 = mx.getCurrentThreadCpuTime();
        long w1 = System.nanoTime();
        HashBenchmark.sha256Of(zip);
        long c2 = mx.getCurrentThreadCpuTime();
        long w2 = System.nanoTime();
        if (i >= 0) {
          h1[0][i] = c1 - c0;
          h1[1][i] = w1 - w0;
          plain[0][i] = c2 - c1;
          plain[1][i] = w2 - w1;
        }
      }
      print("cpu", mib, median(h1[0]), median(plain[0]));
      print("wall", mib, median(h1[1]), median(plain[1]));
    } finally {
      Files.delete(zip);
    }
  }

  private static void print(String clock, double mib, long h1Nanos, long shaNanos) {
    double h1 = mib / (h1Nanos / 1e9);
    double sha = mib / (shaNanos / 1e9);
    System.out.printf(
        Locale.ROOT,
        "RESULT hash clock=%s h1_mib_s=%.0f sha256_mib_s=%.0f ratio=%.2f%n",
        clock,
        h1,
        sha,
        h1 / sha);
  }

  private static long median(long[] values) {
    long[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }
}
