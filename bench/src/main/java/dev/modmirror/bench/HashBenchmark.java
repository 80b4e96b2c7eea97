package dev.modmirror.bench;

import dev.modmirror.core.hash.DirHash;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * h1 of a 100 MiB module zip against plain SHA-256 of the same file's bytes, in the same run. Both
 * read the file from the page cache after the first iteration, so the difference is inflation and
 * per-file bookkeeping. Score: milliseconds per 100 MiB zip (MiB/s = 100 * 1000 / score).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(1)
public class HashBenchmark {
  private static final int BUFFER = 256 * 1024;

  /** binary: random content, the zip holds what h1 hashes; text: compressible Go-like source. */
  @Param({"binary"})
  public String content;

  private Path zip;

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    zip =
        BenchZips.write100MiB(
            Files.createTempFile("modmirror-bench", ".zip"), content.equals("text"));
  }

  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    Files.deleteIfExists(zip);
  }

  @Benchmark
  public String h1() {
    return DirHash.hashZip(zip);
  }

  @Benchmark
  public byte[] sha256() throws IOException, NoSuchAlgorithmException {
    return sha256Of(zip);
  }

  /** Plain SHA-256 of a file's bytes, read the way the h1 reader reads: a channel, 256 KiB. */
  static byte[] sha256Of(Path zip) throws IOException, NoSuchAlgorithmException {
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    ByteBuffer buf = ByteBuffer.allocate(BUFFER);
    try (FileChannel ch = FileChannel.open(zip, StandardOpenOption.READ)) {
      while (ch.read(buf.clear()) >= 0) {
        sha.update(buf.array(), 0, buf.position());
      }
    }
    return sha.digest();
  }

  /** Size of the benchmark zip in MiB, for turning scores into MiB/s. */
  static double zipMiB(Path zip) throws IOException {
    return Files.size(zip) / (double) (1 << 20);
  }
}
