package dev.modmirror.deploy.bench;

import dev.modmirror.core.module.ModuleRef;
import dev.modmirror.core.store.Artifact;
import dev.modmirror.core.store.ObjectKeys;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes one module version of a given zip size into a {@code file://} GOPROXY tree, streaming: the
 * bench that proves memory stays flat with zip size must not hold the zip itself. The payload is
 * seeded random bytes in 64 MiB files, deflated at level 0 (stored blocks), so the zip is about the
 * requested size and identical in every run.
 */
final class LargeModule {
  private static final int FILE_BYTES = 64 << 20;
  private static final int CHUNK = 1 << 20;

  private LargeModule() {}

  /**
   * Writes {@code .mod}, {@code .zip}, then {@code .info} and {@code @v/list}; returns the zip
   * size.
   */
  static long write(Path tree, ModuleRef ref, long zipBytes) {
    try {
      String module = ref.path().value();
      byte[] mod = ("module " + module + "\n\ngo 1.19\n").getBytes(StandardCharsets.UTF_8);
      Path zip = file(tree, ref, Artifact.ZIP);
      Files.write(file(tree, ref, Artifact.MOD), mod);
      writeZip(zip, ref, mod, zipBytes);
      Files.writeString(
          file(tree, ref, Artifact.INFO),
          "{\"Version\":\"" + ref.version().value() + "\",\"Time\":\"2026-01-01T00:00:00Z\"}");
      Files.writeString(tree.resolve(ObjectKeys.list(ref.path())), ref.version().value() + "\n");
      return Files.size(zip);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the large module", e);
    }
  }

  private static void writeZip(Path zip, ModuleRef ref, byte[] mod, long zipBytes)
      throws IOException {
    String prefix = ref.key() + "/";
    Random random = new Random(0x6d656d6f7279L);
    byte[] chunk = new byte[CHUNK];
    try (OutputStream file = Files.newOutputStream(zip);
        ZipOutputStream out = new ZipOutputStream(file)) {
      out.setLevel(Deflater.NO_COMPRESSION);
      put(out, prefix + "go.mod", mod);
      put(out, prefix + "big.go", "package big\n".getBytes(StandardCharsets.UTF_8));
      long left = zipBytes;
      for (int part = 0; left > 0; part++) {
        out.putNextEntry(new ZipEntry(prefix + "data/part" + String.format("%03d", part) + ".bin"));
        long size = Math.min(left, FILE_BYTES);
        for (long written = 0; written < size; written += CHUNK) {
          random.nextBytes(chunk);
          out.write(chunk, 0, (int) Math.min(CHUNK, size - written));
        }
        out.closeEntry();
        left -= size;
      }
    }
  }

  private static void put(ZipOutputStream out, String name, byte[] content) throws IOException {
    out.putNextEntry(new ZipEntry(name));
    out.write(content);
    out.closeEntry();
  }

  private static Path file(Path tree, ModuleRef ref, Artifact artifact) throws IOException {
    Path file = tree.resolve(ObjectKeys.artifact(ref, artifact));
    Files.createDirectories(file.getParent());
    return file;
  }
}
