package dev.modmirror.core.sumdb;

import dev.modmirror.core.module.ModuleRef;
import dev.modmirror.core.sumdb.SumDbException.Rule;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The go command's checksum database client (x/mod sumdb.Client): a module version's hashes are
 * returned only after the signed tree head verifies with the database key, the record is proven to
 * be in that tree through authenticated tiles, and the tree is proven consistent with the newest
 * tree head verified before (kept in a {@link SumDbStateStore}, only ever advanced). Thread-safe.
 */
public final class SumDbClient {
  private final NoteVerifier key;
  private final SumDbTransport transport;
  private final SumDbStateStore state;
  private final SumDbTiles tiles;
  private volatile Opened lastOpened;

  public SumDbClient(NoteVerifier key, SumDbTransport transport, SumDbStateStore state) {
    this.key = key;
    this.transport = transport;
    this.state = state;
    this.tiles = new SumDbTiles(transport);
  }

  /** The database name, from its key. */
  public String name() {
    return key.name();
  }

  /**
   * Looks up and authenticates the go.sum lines of {@code ref}.
   *
   * @throws SumDbException malformed response, unknown key, bad signature, inconsistent tile,
   *     record not in tree, wrong record; {@link SumDbForkException} for a forked history
   * @throws dev.modmirror.core.error.NotFoundException if the database does not know the version
   * @throws dev.modmirror.core.error.TransientException if the database cannot be reached
   */
  public SumDbLines lookup(ModuleRef ref) {
    String path = "/lookup/" + ref.path().escaped() + "@" + ref.version().escaped();
    LookupRecord record = LookupRecord.parse(transport.get(path));
    Tree latest = mergeLatest(record.treeNote());
    checkRecord(latest, record);
    return SumDbLines.fromRecord(ref, record.text());
  }

  /**
   * Checks hashes we computed against the database.
   *
   * @return the database's lines, equal to ours
   * @throws SumDbException hash mismatch, or any error of {@link #lookup}
   */
  public SumDbLines verify(ModuleRef ref, String zipH1, String goModH1) {
    SumDbLines lines = lookup(ref);
    if (!lines.zipHash().equals(zipH1) || !lines.goModHash().equals(goModH1)) {
      throw new SumDbException(
          Rule.HASH_MISMATCH,
          "verifying module: checksum mismatch\n\tdownloaded: "
              + zipH1
              + " (go.mod "
              + goModH1
              + ")\n\t"
              + name()
              + ": "
              + lines.zipHash()
              + " (go.mod "
              + lines.goModHash()
              + ")",
          ref.path().value(),
          ref.version().value());
    }
    return lines;
  }

  /** The newest tree head this client has verified; the empty tree before the first lookup. */
  public Tree latestTree() {
    return state.latest(name()).map(this::openTree).orElse(Tree.EMPTY);
  }

  private Tree openTree(byte[] note) {
    Opened last = lastOpened;
    if (last != null && Arrays.equals(last.note(), note)) {
      return last.tree(); // the stored head is re-read on every lookup; verify each note once
    }
    Tree tree = Tree.parse(Notes.open(note, List.of(key)).text());
    lastOpened = new Opened(note.clone(), tree);
    return tree;
  }

  private record Opened(byte[] note, Tree tree) {}

  /** Merges a signed tree head into our timeline; returns the newest tree after the merge. */
  private Tree mergeLatest(byte[] msg) {
    Tree tree = openTree(msg);
    while (true) {
      Optional<byte[]> stored = state.latest(name());
      Tree latest = stored.map(this::openTree).orElse(Tree.EMPTY);
      byte[] latestMsg = stored.orElse(new byte[0]);
      if (tree.n() <= latest.n()) {
        checkTrees(tree, msg, latest, latestMsg);
        return latest;
      }
      checkTrees(latest, latestMsg, tree, msg);
      if (state.compareAndSet(name(), stored, msg) && storedAfterAdvance(tree, msg)) {
        return tree;
      }
    }
  }

  /**
   * Re-reads the head after our compare-and-set succeeded and proves it consistent with the one we
   * verified: on a store whose conditional write is not atomic, another process may have "won" the
   * same round and written its own head over ours. A head that contains ours is fine; one that
   * contradicts ours is a fork; an older consistent one (our write was lost) is advanced again.
   *
   * @return false if our head must be written again
   * @throws SumDbForkException if the stored head and ours are not one history
   */
  private boolean storedAfterAdvance(Tree ours, byte[] ourNote) {
    Optional<byte[]> now = state.latest(name());
    if (now.isEmpty() || Arrays.equals(now.get(), ourNote)) {
      // Gone: an operator reset the head (see docs/operations.md); nothing to prove against.
      return true;
    }
    Tree stored = openTree(now.get());
    if (stored.n() >= ours.n()) {
      checkTrees(ours, ourNote, stored, now.get());
      return true;
    }
    checkTrees(stored, now.get(), ours, ourNote);
    return false;
  }

  /** Proves that {@code older} is a prefix of {@code newer}, using tiles of the newer tree. */
  private void checkTrees(Tree older, byte[] olderNote, Tree newer, byte[] newerNote) {
    TlogHash h = Tlog.treeHash(older.n(), new TileHashReader(newer, tiles));
    if (!h.equals(older.hash())) {
      throw new SumDbForkException(
          "SECURITY ERROR: checksum database "
              + name()
              + " forked its history: tree "
              + older.n()
              + " is not a prefix of tree "
              + newer.n(),
          new String(olderNote, StandardCharsets.UTF_8),
          new String(newerNote, StandardCharsets.UTF_8));
    }
  }

  private void checkRecord(Tree latest, LookupRecord record) {
    if (record.id() >= latest.n()) {
      throw new SumDbException(
          Rule.RECORD_NOT_IN_TREE,
          "cannot validate record " + record.id() + " in tree of size " + latest.n());
    }
    long index = Tlog.storedHashIndex(0, record.id());
    TlogHash leaf = new TileHashReader(latest, tiles).readHashes(new long[] {index}).get(0);
    if (!leaf.equals(Tlog.recordHash(record.text()))) {
      throw new SumDbException(
          Rule.RECORD_NOT_IN_TREE,
          "cannot authenticate record data in server response: record "
              + record.id()
              + " of tree "
              + latest.n()
              + " differs");
    }
  }
}
