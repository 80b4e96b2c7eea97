package dev.modmirror.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Generates deterministic module zips of a target size for the benchmarks. */
final class BenchZips {
  static final String MODULE = "example.com/bench";
  static final String VERSION = "v1.0.0";
  private static final int FILE_SIZE = 1 << 20;

  private BenchZips() {}

  /**
   * Writes a module zip of about {@code targetBytes}: files of {@code fileSize} bytes, either
   * random ("binary": deflate cannot shrink it, so the zip holds the same bytes that h1 hashes) or
   * Go-like source text (compresses about 4x, so h1 hashes that much more).
   */
  static Path write(Path file, long targetBytes, int fileSize, boolean text) throws IOException {
    Random random = new Random(42);
    byte[] content = new byte[fileSize];
    String prefix = MODULE + "@" + VERSION + "/";
    try (OutputStream raw = Files.newOutputStream(file);
        ZipOutputStream zip = new ZipOutputStream(raw)) {
      zip.setLevel(Deflater.BEST_SPEED);
      zip.putNextEntry(new ZipEntry(prefix + "go.mod"));
      zip.write(("module " + MODULE + "\n\ngo 1.19\n").getBytes(StandardCharsets.UTF_8));
      for (int i = 0; Files.size(file) < targetBytes; i++) {
        fill(content, random, text);
        zip.putNextEntry(new ZipEntry(prefix + "pkg" + (i % 16) + "/file" + i + ".go"));
        zip.write(content);
        zip.closeEntry();
        zip.flush();
      }
    }
    return file;
  }

  /** The default benchmark zip: 100 MiB of 1 MiB files. */
  static Path write100MiB(Path file, boolean text) throws IOException {
    return write(file, 100L << 20, FILE_SIZE, text);
  }

  private static void fill(byte[] content, Random random, boolean text) {
    if (!text) {
      random.nextBytes(content);
      return;
    }
    String[] words = {"func", "return", "err", "if", "nil", "{", "}", "(", ")", "x", ":=", "\n\t"};
    int at = 0;
    while (at < content.length) {
      byte[] w = (words[random.nextInt(words.length)] + " ").getBytes(StandardCharsets.US_ASCII);
      int n = Math.min(w.length, content.length - at);
      System.arraycopy(w, 0, content, at, n);
      at += n;
    }
  }
}
