package dev.modmirror.bench;

import dev.modmirror.core.gomod.GoModFile;
import dev.modmirror.core.gomod.GoModParser;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** {@link GoModParser#parse} of a realistic 200-line go.mod ({@link GoModSample}). */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class GoModBenchmark {
  private String text;

  @Setup
  public void setUp() {
    text = GoModSample.text();
    // Fails the run at once if the sample stopped being a valid go.mod.
    GoModParser.parse("bench/go.mod", text);
  }

  @Benchmark
  public GoModFile parse() {
    return GoModParser.parse("bench/go.mod", text);
  }
}
