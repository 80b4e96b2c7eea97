package dev.modmirror.deploy.chaos;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The warmers' and replicators' spool directory on a small file system of its own (a tmpfs), so the
 * run can fill it ({@link #fill}: one file takes every free byte) and free it again. Mounting needs
 * root; without it the directory is a plain one and {@link #available} says so, and the fault is
 * left out of the schedule.
 */
final class SpoolDisk implements AutoCloseable {
  private static final String SIZE = "192m";

  private final Path dir;
  private final boolean mounted;
  private Path filler;

  private SpoolDisk(Path dir, boolean mounted) {
    this.dir = dir;
    this.mounted = mounted;
  }

  /** Creates {@code dir} and tries to mount a tmpfs of {@value #SIZE} on it. */
  static SpoolDisk create(Path dir) throws IOException, InterruptedException {
    Files.createDirectories(dir);
    boolean mounted =
        run("mount", "-t", "tmpfs", "-o", "size=" + SIZE + ",mode=0755", "tmpfs", dir.toString());
    return new SpoolDisk(dir, mounted);
  }

  Path dir() {
    return dir;
  }

  /** True when the spool is a file system of its own that {@link #fill} can fill. */
  boolean available() {
    return mounted;
  }

  /** Writes one file until the file system is full. */
  synchronized void fill() throws IOException {
    filler = dir.resolve("chaos-filler.bin");
    byte[] chunk = new byte[1 << 20];
    try (OutputStream out = Files.newOutputStream(filler)) {
      while (true) {
        out.write(chunk);
      }
    } catch (IOException full) {
      // No space left on device: exactly what was wanted.
    }
  }

  /** Removes the filler. */
  synchronized void free() throws IOException {
    if (filler != null) {
      Files.deleteIfExists(filler);
      filler = null;
    }
  }

  @Override
  public synchronized void close() throws Exception {
    free();
    if (mounted) {
      run("umount", "-l", dir.toString());
    }
  }

  private static boolean run(String... command) throws IOException, InterruptedException {
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      return false; // no mount command here
    }
  }
}
