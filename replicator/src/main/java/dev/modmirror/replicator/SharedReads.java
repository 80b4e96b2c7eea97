package dev.modmirror.replicator;

import dev.modmirror.core.module.ModuleRef;
import dev.modmirror.core.store.CompletionMarker;
import dev.modmirror.core.store.InfoFile;
import dev.modmirror.core.store.ModuleStore;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * The primary's reads shared by the regions' copies, of one reconcile run or of the replicator's
 * consumers: a version that several regions lack is read from the primary and verified once ({@link
 * PrimaryFiles}) and copied to each from the same spooled zip, instead of once per region. The
 * regions stay independent: a region waits for the primary's read of a version, never for another
 * region's copy of it, and a region that comes late to a version reads it again.
 *
 * <p>A read is kept while a copy holds it, then, until every region has used it, among at most
 * {@code idle} unused reads (the oldest removed first), so scratch disk holds the zips of the
 * copies in flight plus {@code idle} more. A read that failed is not handed out again: the next
 * {@link #acquire} reads afresh (a retry after a transient failure). Thread-safe.
 */
final class SharedReads implements AutoCloseable {
  /** What the primary gave for a version: its verified files, or why there is nothing to copy. */
  record Read(Optional<PrimaryFiles> files, String notCopied) {}

  private final int regions;
  private final int idle;
  private final Function<ModuleRef, Read> read;
  private final ExecutorService io;
  private final Map<ModuleRef, Entry> entries = new HashMap<>(); // guarded by this
  private final Deque<Entry> unused = new ArrayDeque<>(); // guarded by this, oldest first
  private boolean closed; // guarded by this

  /**
   * Reads of {@code primary}'s versions ({@link #readPrimary}), each shared by up to {@code
   * regions} regions, with up to {@code idle} unused reads kept; reads run on {@code io}.
   */
  static SharedReads ofPrimary(
      ModuleStore primary, int regions, int idle, Path spoolDir, ExecutorService io) {
    return new SharedReads(regions, idle, ref -> readPrimary(primary, ref, spoolDir, io), io);
  }

  /**
   * What the primary gives to copy: its files verified against the hashes recorded with its {@code
   * .info}, which is read (bytes and hashes in one request) beside the zip and go.mod.
   */
  private static Read readPrimary(
      ModuleStore primary, ModuleRef ref, Path spoolDir, ExecutorService io) {
    Future<Optional<InfoFile>> info = io.submit(() -> primary.readInfo(ref));
    try {
      Optional<PrimaryFiles> files =
          PrimaryFiles.read(primary, ref, () -> expected(CopyTasks.await(info, ref)), spoolDir, io);
      // The warmer adopts an .info without hashes first.
      return new Read(
          files,
          files.isPresent()
              ? null
              : CopyTasks.await(info, ref).isEmpty() ? "vanished" : "records no hashes");
    } finally {
      CopyTasks.cancel(info);
    }
  }

  private static Optional<PrimaryFiles.Expected> expected(Optional<InfoFile> info) {
    return info.filter(i -> i.marker() instanceof CompletionMarker.Recorded)
        .map(
            i ->
                new PrimaryFiles.Expected(
                    ((CompletionMarker.Recorded) i.marker()).hashes(), i.bytes()));
  }

  /**
   * @param regions how many regions may use each read
   * @param idle how many reads no copy holds are kept for regions that have not used them yet
   * @param read reads and verifies a version (on {@code io}); throws as {@link PrimaryFiles#read}
   */
  SharedReads(int regions, int idle, Function<ModuleRef, Read> read, ExecutorService io) {
    this.regions = regions;
    this.idle = idle;
    this.read = read;
    this.io = io;
  }

  /**
   * Starts the read of {@code ref}, or joins one started or kept; the caller closes the lease once
   * its copy has ended.
   */
  synchronized Lease acquire(ModuleRef ref) {
    Entry entry = entries.get(ref);
    if (entry == null || entry.read.isCompletedExceptionally() || closed) {
      if (entry != null) {
        forget(entry);
      }
      entry = new Entry(ref, CompletableFuture.supplyAsync(() -> read.apply(ref), io));
      if (!closed) {
        entries.put(ref, entry);
      } else {
        entry.forgotten = true;
      }
    }
    unused.remove(entry);
    entry.holders++;
    entry.uses++;
    return new Lease(entry);
  }

  /** Removes every read no copy holds; those held are removed when released. */
  @Override
  public synchronized void close() {
    closed = true;
    for (Entry entry : entries.values().toArray(new Entry[0])) {
      if (entry.holders == 0) {
        forget(entry);
      }
    }
  }

  private synchronized void release(Entry entry) {
    if (--entry.holders > 0) {
      return;
    }
    if (entry.forgotten) {
      discard(entry);
    } else if (entry.uses >= regions || closed || entry.read.isCompletedExceptionally()) {
      forget(entry);
    } else {
      unused.addLast(entry);
      while (unused.size() > idle) {
        forget(unused.removeFirst());
      }
    }
  }

  /** Out of the map; its files removed once no copy holds them. */
  private void forget(Entry entry) {
    entries.remove(entry.ref, entry);
    unused.remove(entry);
    entry.forgotten = true;
    if (entry.holders == 0) {
      discard(entry);
    }
  }

  private static void discard(Entry entry) {
    // A read still in flight removes its spool when it ends.
    entry.read.thenAccept(r -> r.files().ifPresent(PrimaryFiles::close));
  }

  private static final class Entry {
    final ModuleRef ref;
    final CompletableFuture<Read> read;
    int holders; // guarded by the SharedReads
    int uses; // guarded by the SharedReads
    boolean forgotten; // guarded by the SharedReads

    Entry(ModuleRef ref, CompletableFuture<Read> read) {
      this.ref = ref;
      this.read = read;
    }
  }

  /** One copy's hold on a read; closing it more than once is harmless. */
  final class Lease implements AutoCloseable {
    private final Entry entry;
    private boolean released;

    private Lease(Entry entry) {
      this.entry = entry;
    }

    /**
     * Waits for the read; an interrupted wait fails transiently without cancelling it (other
     * regions may be waiting for it too).
     */
    Read read() {
      return CopyTasks.awaitShared(entry.read, entry.ref);
    }

    @Override
    public void close() {
      synchronized (SharedReads.this) {
        if (released) {
          return;
        }
        released = true;
      }
      release(entry);
    }
  }
}
