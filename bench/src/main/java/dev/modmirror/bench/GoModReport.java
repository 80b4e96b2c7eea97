package dev.modmirror.bench;

import dev.modmirror.core.gomod.GoModFile;
import dev.modmirror.core.gomod.GoModParser;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Locale;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs {@link GoModBenchmark} and prints {@code RESULT go-mod files_per_s=… lines_per_s=…
 * mib_per_s=… lines=… requirements=…} for scripts ({@code ./modmirror bench go-mod}). Usage: {@code
 * java -cp benchmarks.jar dev.modmirror.bench.GoModReport [iterations]}.
 */
public final class GoModReport {
  private GoModReport() {}

  public static void main(String[] args) throws Exception {
    int iterations = args.length > 0 ? Integer.parseInt(args[0]) : 3;
    String text = GoModSample.text();
    GoModFile file = GoModParser.parse("bench/go.mod", text);
    long lines = text.lines().count();
    double mib = text.getBytes(StandardCharsets.UTF_8).length / (1024.0 * 1024.0);
    Options options =
        new OptionsBuilder()
            .include(GoModBenchmark.class.getName())
            .measurementIterations(iterations)
            .forks(1)
            .build();
    Collection<RunResult> results = new Runner(options).run();
    double filesPerSecond = results.iterator().next().getPrimaryResult().getScore();
    System.out.printf(
        Locale.ROOT,
        "RESULT go-mod files_per_s=%.0f lines_per_s=%.0f mib_per_s=%.1f lines=%d requirements=%d%n",
        filesPerSecond,
        filesPerSecond * lines,
        filesPerSecond * mib,
        lines,
        file.requirements().size());
  }
}
