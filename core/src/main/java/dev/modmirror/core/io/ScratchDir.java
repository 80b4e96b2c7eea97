package dev.modmirror.core.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A service's own scratch directory for spooled zips, claimed for the life of the process: {@code
 * <parent>/<prefix>-<random>/}, held by a lock on a file inside it. Claiming one first removes the
 * directories of the same prefix whose lock nobody holds: the spool files of a process that was
 * killed (kill -9, out of memory) are cleaned at the next start, while those of replicas sharing
 * the parent directory and still running are left alone. Closing removes the directory.
 */
public final class ScratchDir implements AutoCloseable {
  private static final String LOCK = ".lock";

  private final Path dir;
  private final FileChannel channel;
  private final FileLock lock;
  private final List<Path> removed;

  private ScratchDir(Path dir, FileChannel channel, FileLock lock, List<Path> removed) {
    this.dir = dir;
    this.channel = channel;
    this.lock = lock;
    this.removed = List.copyOf(removed);
  }

  /**
   * Removes abandoned directories of {@code prefix} in {@code parent}, then claims a new one.
   *
   * @param prefix letters, digits and dashes, e.g. {@code modmirror-warmer}
   * @throws UncheckedIOException if the parent cannot hold a directory
   */
  public static ScratchDir claim(Path parent, String prefix) {
    if (!prefix.matches("[A-Za-z0-9-]+")) {
      throw new IllegalArgumentException("scratch prefix must be letters, digits, '-': " + prefix);
    }
    try {
      Files.createDirectories(parent);
      List<Path> removed = sweep(parent, prefix);
      Path dir = Files.createDirectory(parent.resolve(prefix + "-" + UUID.randomUUID()));
      FileChannel channel =
          FileChannel.open(dir.resolve(LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      return new ScratchDir(dir, channel, channel.lock(), removed);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot claim a scratch directory in " + parent, e);
    }
  }

  /** The claimed directory. */
  public Path path() {
    return dir;
  }

  /** The abandoned directories removed before this one was claimed, for the caller's log. */
  public List<Path> removed() {
    return removed;
  }

  /** Releases the claim and removes the directory; never throws. */
  @Override
  public void close() {
    try {
      lock.release();
      channel.close();
    } catch (IOException e) {
      // Closing the channel releases the lock anyway; the directory goes below.
    }
    Trees.deleteQuietly(dir);
  }

  private static List<Path> sweep(Path parent, String prefix) throws IOException {
    List<Path> candidates = new ArrayList<>();
    try (DirectoryStream<Path> dirs = Files.newDirectoryStream(parent, prefix + "-*")) {
      dirs.forEach(candidates::add);
    }
    List<Path> removed = new ArrayList<>();
    for (Path candidate : candidates) {
      if (Files.isDirectory(candidate) && abandoned(candidate)) {
        Trees.deleteQuietly(candidate);
        removed.add(candidate);
      }
    }
    return removed;
  }

  /** True if nobody holds the directory's lock (or it never got one). */
  private static boolean abandoned(Path candidate) {
    Path lockFile = candidate.resolve(LOCK);
    if (!Files.exists(lockFile)) {
      return true;
    }
    try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE)) {
      FileLock probe = channel.tryLock();
      if (probe == null) {
        return false;
      }
      probe.release();
      return true;
    } catch (OverlappingFileLockException inThisProcess) {
      return false;
    } catch (IOException e) {
      return false;
    }
  }
}
