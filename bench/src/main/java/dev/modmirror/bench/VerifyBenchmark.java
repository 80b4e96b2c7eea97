package dev.modmirror.bench;

import dev.modmirror.core.hash.DirHash;
import dev.modmirror.core.module.ModuleLimits;
import dev.modmirror.core.module.ModuleRef;
import dev.modmirror.core.zip.ModuleZipVerifier;
import dev.modmirror.core.zip.ZipSummary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Full module zip verification (every rule, every byte inflated and counted): a 100 MiB zip of
 * random 1 MiB files, and a typical small module (about 1 MiB of 8 KiB source files); and the
 * warmer's verify-and-hash, in two reads (before) and in one (now).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(1)
public class VerifyBenchmark {
  private static final ModuleRef REF = ModuleRef.of(BenchZips.MODULE, BenchZips.VERSION);
  private Path large;
  private Path small;

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    large = BenchZips.write100MiB(Files.createTempFile("modmirror-bench", ".zip"), false);
    small =
        BenchZips.write(Files.createTempFile("modmirror-bench", ".zip"), 256 << 10, 8 << 10, true);
  }

  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    Files.deleteIfExists(large);
    Files.deleteIfExists(small);
  }

  @Benchmark
  public ZipSummary verify100MiB() {
    return ModuleZipVerifier.verify(large, REF);
  }

  @Benchmark
  public ZipSummary verifySmallModule() {
    return ModuleZipVerifier.verify(small, REF);
  }

  /** The warmer before issue 8 item 2: verify, then read the zip again to hash it. */
  @Benchmark
  public String verifyThenHash100MiB() {
    ModuleZipVerifier.verify(large, REF);
    return DirHash.hashZip(large);
  }

  /** The warmer and the replicator now: rules and h1 in one read. */
  @Benchmark
  public String verifyAndHash100MiB() {
    return DirHash.verifyZip(large, REF, ModuleLimits.DEFAULT).h1();
  }

  @Benchmark
  public String verifyAndHashSmallModule() {
    return DirHash.verifyZip(small, REF, ModuleLimits.DEFAULT).h1();
  }
}
