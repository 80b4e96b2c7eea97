package dev.modmirror.core.store;

import dev.modmirror.core.error.ModmirrorException;
import dev.modmirror.core.error.PermanentException;
import dev.modmirror.core.error.TransientException;
import dev.modmirror.core.io.Bounded;
import dev.modmirror.core.module.ModuleLimits;
import dev.modmirror.core.module.ModulePath;
import dev.modmirror.core.module.ModuleRef;
import dev.modmirror.core.module.ModuleVersion;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.Collection;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * A bucket of Go modules laid out as {@link ObjectKeys} says. Implementations translate vendor
 * errors into {@link ModmirrorException} kinds (an unreachable store is {@link
 * TransientException}); none of these methods returns null.
 *
 * <p>A module version is immutable. Once its {@code .info} exists the version is complete and the
 * hashes recorded with it are the truth: {@link #save} never replaces a complete version's bytes
 * with others, and repairs missing or damaged files only with bytes of the recorded hashes. The
 * conditional writes this rests on ({@link #createInfo}, {@link #claim}) must be atomic across
 * processes. {@link #saveNew}, for a copy that has not read the version first, writes even its
 * {@code .mod} and {@code .zip} only where no object is, so it never replaces anything.
 */
public interface ModuleStore {

  /**
   * Stores a whole module version in the one order that keeps readers safe (athens' {@code
   * Saver.Save}): {@code .mod}, then {@code .zip}, then {@code .info}, the completion marker,
   * written only if no {@code .info} exists, then {@code @v/list} rebuilt to name it. A reader that
   * finds the {@code .info} therefore finds the whole zip beside it (athens issues 1032, 1841). The
   * order and the checks are the port's, not the caller's: adapters do not override this, and
   * {@code ModuleStoreContract} pins them for every adapter.
   *
   * <ul>
   *   <li>A version that is not complete is first claimed for the offered hashes ({@link #claim}).
   *       If an earlier save claimed it for other hashes, the outcome is a {@link
   *       SaveOutcome.Conflict} and nothing is written: only bytes of the first hashes may complete
   *       it.
   *   <li>A complete version with the same recorded hashes ends {@link SaveOutcome.AlreadyPresent},
   *       or {@link SaveOutcome.Repaired} if its {@code .mod} or {@code .zip} was missing; with
   *       other recorded hashes it ends {@link SaveOutcome.Conflict} and nothing is written, not
   *       even for a moment.
   *   <li>If another writer completes the version between the checks and this save's {@code .info},
   *       the conditional write of {@code .info} loses and the outcome is decided as for a complete
   *       version.
   * </ul>
   *
   * <p>If a step before the {@code .info} fails, the version stays incomplete (no {@code .info},
   * not listed; a {@code .mod} or {@code .zip} may remain) and the save may be repeated. Once the
   * {@code .info} is written the save does not fail: a list that cannot be rebuilt is reported by
   * {@link SaveOutcome.Complete#listed()}.
   *
   * @throws TransientException if the store cannot be reached or the zip stream fails before the
   *     {@code .info} is written
   * @throws PermanentException if the version has an {@code .info} without recorded hashes (written
   *     by an older release or another tool): {@link StoredVersions} adopts those first
   */
  default SaveOutcome save(ModuleRef ref, VersionFiles files) {
    CompletionMarker marker = marker(ref);
    if (marker instanceof CompletionMarker.Missing) {
      VersionHashes claimed = claim(ref, files.hashes());
      // Read after the claim: a version completed before it is seen here, and one completed after
      // it can only have been completed with the claimed hashes. A claim for other hashes may be
      // a late writer's, made after the version completed; the .info decides then.
      marker = marker(ref);
      if (!claimed.equals(files.hashes()) && marker instanceof CompletionMarker.Missing) {
        return new SaveOutcome.Conflict(ref, claimed, files.hashes(), false);
      }
    }
    if (!(marker instanceof CompletionMarker.Missing)) {
      return present(ref, marker, files, false);
    }
    return write(ref, files, true, true);
  }

  /**
   * As {@link #save}, without the claim, for a copy into a store whose writers all offer the same
   * hashes for a version, by a caller that has just read the version's {@link #marker} as missing:
   * a region, which only ever receives the primary's recorded hashes, already verified (athens'
   * rule still holds: {@code .mod}, {@code .zip}, {@code .info} last and only if absent). The claim
   * exists to fix which of several writers' <em>different</em> bytes complete a version; where
   * every writer copies the same verified bytes it decides nothing, and its three requests (claim,
   * the read after it, its removal) are saved, as is the caller's marker read repeated.
   *
   * <p>The caller's marker read leaves a window before these writes: a version completed in it (by
   * a writer outside the rule, with other bytes) would get this copy's {@code .mod} and {@code
   * .zip} under its {@code .info}: the save then ends {@link SaveOutcome.Conflict}, the files stay
   * replaced. {@link #saveNew} leaves no such window.
   *
   * <p>Two such writers at once both write the same {@code .mod} and {@code .zip}; one {@code
   * .info} wins and the other ends as for a complete version ({@link SaveOutcome.AlreadyPresent},
   * or {@link SaveOutcome.Conflict} if a writer outside the rule completed it with other hashes).
   * The caller that does not rebuild the list now ({@code rebuildList} false, for several versions
   * of one module copied together) gets {@link SaveOutcome.Complete#listed()} false and rebuilds it
   * once itself.
   *
   * @throws TransientException as {@link #save}
   * @throws PermanentException as {@link #save}
   */
  default SaveOutcome saveCopy(ModuleRef ref, VersionFiles files, boolean rebuildList) {
    return write(ref, files, false, rebuildList);
  }

  /**
   * As {@link #saveCopy}, for a caller that has not read the version's {@link #marker}: a region
   * whose listing held no object of the version at all. The {@code .mod} is created only if no
   * object is at its key ({@link #putIfAbsent}), and so is the {@code .zip}, by the caller beside
   * this call: {@code zipCreated} waits for that write and says whether it created the zip ({@code
   * files}' zip is not read). Only if both were created is the {@code .info} written, as by {@link
   * #saveCopy}. So a version that another writer completed since the listing is never overwritten,
   * not even for a moment, whatever its bytes: where this finds one of its files, it writes nothing
   * more and the caller decides as for a version found present (reads its {@link #marker}, then
   * {@link #saveCopy} or {@link #repair}, which check the recorded hashes first).
   *
   * <p>Only for a store whose create-only writes are atomic for both files ({@link
   * #createsAtomically}); the caller checks that first.
   *
   * @return empty if the {@code .mod} or the {@code .zip} existed: no {@code .info} written, no
   *     object replaced (the other of the two may have been created)
   * @throws TransientException as {@link #save}
   * @throws PermanentException as {@link #save}
   */
  default Optional<SaveOutcome> saveNew(
      ModuleRef ref, VersionFiles files, BooleanSupplier zipCreated, boolean rebuildList) {
    boolean mod =
        putIfAbsent(ref, Artifact.MOD, new ByteArrayInputStream(files.mod()), files.mod().length);
    // Waited for even when the .mod was there: the caller's next path must not race our zip.
    boolean zip = zipCreated.getAsBoolean();
    if (!mod || !zip) {
      return Optional.empty();
    }
    return Optional.of(complete(ref, files, false, rebuildList));
  }

  /** The writes of a save once the version is found incomplete, {@code .info} last. */
  private SaveOutcome write(ModuleRef ref, VersionFiles files, boolean claimed, boolean list) {
    put(ref, Artifact.MOD, new ByteArrayInputStream(files.mod()), files.mod().length);
    files.putZip(this, ref);
    return complete(ref, files, claimed, list);
  }

  /** The end of a save once the {@code .mod} and {@code .zip} are in place: {@code .info} last. */
  private SaveOutcome complete(ModuleRef ref, VersionFiles files, boolean claimed, boolean list) {
    // Other readers' layouts before our .info: a version complete here is complete for them.
    writeLayouts(ref, files.info());
    if (!createInfo(ref, files.info(), files.hashes())) {
      // Another writer completed it first: with the same hashes, our files were the same version.
      return present(ref, marker(ref), files, false);
    }
    if (claimed) {
      releaseQuietly(ref);
    }
    return new SaveOutcome.Stored(ref, files.hashes(), list && rebuiltList(ref));
  }

  /**
   * As {@link #save}, but a complete version with the offered hashes gets its {@code .mod} and
   * {@code .zip} written again even if present: for a version whose stored bytes were found damaged
   * (they no longer hash to the recorded hashes). Ends {@link SaveOutcome.Repaired}, or {@link
   * SaveOutcome.Conflict} if the offered hashes are not the recorded ones; a version that is not
   * complete is saved.
   *
   * @throws TransientException as {@link #save}
   * @throws PermanentException as {@link #save}
   */
  default SaveOutcome repair(ModuleRef ref, VersionFiles files) {
    CompletionMarker marker = marker(ref);
    return marker instanceof CompletionMarker.Missing
        ? save(ref, files)
        : present(ref, marker, files, true);
  }

  /** The outcome for a version whose {@code .info} exists. */
  private SaveOutcome present(
      ModuleRef ref, CompletionMarker marker, VersionFiles files, boolean rewrite) {
    if (marker instanceof CompletionMarker.Missing) {
      throw new TransientException(
          "store " + name() + ": the .info of " + ref + " vanished while it was saved", ref);
    }
    if (!(marker instanceof CompletionMarker.Recorded recorded)) {
      throw new PermanentException(
          "store "
              + name()
              + " holds an .info without recorded hashes for "
              + ref
              + " (written by an older release or another tool): its stored bytes must be hashed"
              + " and recorded first",
          ref);
    }
    // Complete: a claim left by an unfinished save is no longer needed.
    releaseQuietly(ref);
    if (!recorded.hashes().equals(files.hashes())) {
      return new SaveOutcome.Conflict(ref, recorded.hashes(), files.hashes(), true);
    }
    Set<Artifact> missing = EnumSet.noneOf(Artifact.class);
    if (rewrite || size(ref, Artifact.MOD).isEmpty()) {
      missing.add(Artifact.MOD);
      put(ref, Artifact.MOD, new ByteArrayInputStream(files.mod()), files.mod().length);
    }
    if (rewrite || size(ref, Artifact.ZIP).isEmpty()) {
      missing.add(Artifact.ZIP);
      files.putZip(this, ref);
    }
    if (!missing.isEmpty() || !layoutsComplete(ref)) {
      writeLayouts(ref, storedInfo(ref));
    }
    boolean listed = listed(ref) || rebuiltList(ref);
    return missing.isEmpty()
        ? new SaveOutcome.AlreadyPresent(ref, files.hashes(), listed)
        : new SaveOutcome.Repaired(ref, files.hashes(), missing, listed);
  }

  /**
   * Writes a version whose {@code .mod} and {@code .zip} are stored into the other readers' layouts
   * this store keeps ({@link AthensLayout}), each in its own write order; {@code info} is the
   * {@code .info} to give them. {@link #save} calls it before the version's own {@code .info}. A
   * store that keeps no other layout does nothing. Repeating it is harmless.
   *
   * @throws TransientException if the store cannot be reached
   */
  default void writeLayouts(ModuleRef ref, byte[] info) {}

  /** Whether every other layout this store keeps holds the version whole; true if it keeps none. */
  default boolean layoutsComplete(ModuleRef ref) {
    return true;
  }

  /**
   * Writes a complete version into the other layouts this store keeps if one lacks it (a layout
   * enabled after the version was stored), from the version's stored files.
   *
   * @throws TransientException if the store cannot be reached
   */
  default void completeLayouts(ModuleRef ref) {
    if (!layoutsComplete(ref)) {
      writeLayouts(ref, storedInfo(ref));
    }
  }

  private byte[] storedInfo(ModuleRef ref) {
    try (InputStream in =
        open(ref, Artifact.INFO)
            .orElseThrow(
                () ->
                    new TransientException(
                        "store " + name() + ": .info of " + ref + " vanished", ref))) {
      return in.readAllBytes();
    } catch (java.io.IOException e) {
      throw new TransientException(
          "store " + name() + ": reading .info of " + ref + " failed", ref, e);
    }
  }

  /**
   * Whether {@code @v/list} names the version.
   *
   * @throws TransientException if the list cannot be read
   */
  default boolean listed(ModuleRef ref) {
    return readList(ref.path())
        .map(list -> list.lines().anyMatch(ref.version().value()::equals))
        .orElse(false);
  }

  private boolean rebuiltList(ModuleRef ref) {
    try {
      rebuildList(ref.path());
      return true;
    } catch (ModmirrorException e) {
      // The version is complete; only its list is behind, and the caller retries that alone.
      return false;
    }
  }

  private void releaseQuietly(ModuleRef ref) {
    try {
      release(ref);
    } catch (ModmirrorException e) {
      // A claim left beside a complete version is inert: every save reads the .info after its
      // claim, and the next save of the version removes it.
    }
  }

  /**
   * What the version's {@code .info} says: missing, or complete with or without recorded hashes.
   * One metadata read, no content.
   */
  CompletionMarker marker(ModuleRef ref);

  /**
   * Writes the {@code .info} only if the version has none, recording {@code hashes} with it where
   * {@link #marker} reads them back. Atomic across processes: of several writers, exactly one
   * creates it. The {@code .info} bytes are served unchanged to GOPROXY readers.
   *
   * @return true if this call created it; false if an {@code .info} existed (nothing written)
   */
  boolean createInfo(ModuleRef ref, byte[] info, VersionHashes hashes);

  /**
   * Claims a version that is not complete for {@code hashes}: creates its pending record ({@link
   * ObjectKeys#pending}) if there is none, atomically across processes, and returns the hashes the
   * record holds, {@code hashes} if this call created it. The first claim fixes which bytes may
   * complete the version; it is removed ({@link #release}) once the {@code .info} exists.
   */
  VersionHashes claim(ModuleRef ref, VersionHashes hashes);

  /**
   * Removes the version's pending record. Called only once the {@code .info} exists; removing an
   * absent record is not an error.
   */
  void release(ModuleRef ref);

  /**
   * As {@link #release} for each version, in as few requests as the store allows: for a caller that
   * gathers the claims of versions already complete and removes them together (a claim beside a
   * complete version is inert, so removing it later changes no outcome).
   *
   * @throws TransientException if the store cannot be reached; some records may be removed
   */
  default void releaseAll(Collection<ModuleRef> refs) {
    refs.forEach(this::release);
  }

  /**
   * Records {@code hashes} with an {@code .info} that has none, keeping its bytes, only if it has
   * not changed since {@link #marker} read it.
   *
   * @return false if the {@code .info} is missing, already records hashes, or changed meanwhile
   */
  boolean recordHashes(ModuleRef ref, VersionHashes hashes);

  /**
   * Stores one artifact; services store whole versions with {@link #save}. Atomic: a reader sees
   * either nothing or the whole object, never a prefix, even if the writer crashes mid-upload. May
   * be repeated; the last write wins. An {@code .info} written this way records no hashes.
   *
   * @param content read to its end, not closed
   * @param length the exact byte count, or -1 if unknown (the adapter then uploads in parts)
   */
  void put(ModuleRef ref, Artifact artifact, InputStream content, long length);

  /**
   * Whether {@link #putIfAbsent} of an {@code artifact} of {@code length} bytes is atomic across
   * processes: of several writers, exactly one creates the object, and one that finds it leaves it
   * unchanged. False by default, and for a store that decides conditional writes in this process
   * only, or uploads objects of that size in parts: its callers then take the path that reads the
   * version's {@link #marker} first.
   */
  default boolean createsAtomically(Artifact artifact, long length) {
    return false;
  }

  /**
   * Stores one artifact only if no object is at its key, atomically as {@link #put} is; an object
   * there is left as it is, whatever its bytes.
   *
   * @param content read to its end if the object is created, not closed
   * @param length the exact byte count
   * @return true if this call created it; false if an object existed (nothing written)
   * @throws UnsupportedOperationException if not {@link #createsAtomically} for {@code length}
   * @throws TransientException if the store cannot be reached or {@code content} fails
   */
  default boolean putIfAbsent(ModuleRef ref, Artifact artifact, InputStream content, long length) {
    throw new UnsupportedOperationException(
        "store " + name() + " has no atomic create-only write of " + length + " bytes");
  }

  /**
   * Where this store's objects live, for a server-side copy ({@link #copyOnServer}); empty for a
   * store that cannot take part in one (memory, a store of another kind).
   */
  default Optional<BucketLocation> location() {
    return Optional.empty();
  }

  /**
   * Copies one artifact of {@code ref} from {@code source} into this store on the server, the bytes
   * not passing through this process; as {@link #put}, unconditional and atomic. Verifying what
   * arrived is the caller's part: the server copies bytes, it does not check them.
   *
   * @return false if this store cannot copy from {@code source} on the server (another endpoint or
   *     account, or no server-side copy at all): nothing was written and the caller streams instead
   * @throws dev.modmirror.core.error.NotFoundException if {@code source} has no such object
   * @throws TransientException if either bucket cannot be reached
   */
  default boolean copyOnServer(BucketLocation source, ModuleRef ref, Artifact artifact) {
    return false;
  }

  /**
   * Opens an artifact for streaming. The caller closes the stream.
   *
   * @return empty if the object does not exist
   */
  Optional<InputStream> open(ModuleRef ref, Artifact artifact);

  /**
   * The version's {@code .info} bytes with what it records ({@link #marker}), read together: one
   * request where the store returns both with the content (the default reads the marker, then the
   * bytes: two).
   *
   * @return empty if the version has no {@code .info}
   * @throws dev.modmirror.core.error.InvalidInputException if it is larger than {@link
   *     ModuleLimits#MAX_INFO}
   */
  default Optional<InfoFile> readInfo(ModuleRef ref) {
    CompletionMarker marker = marker(ref);
    if (marker instanceof CompletionMarker.Missing) {
      return Optional.empty();
    }
    return open(ref, Artifact.INFO)
        .map(in -> new InfoFile(Bounded.read(in, ModuleLimits.MAX_INFO, ref, ".info"), marker));
  }

  /**
   * Opens an artifact with its size and entity tag, in one round trip (serving needs both before
   * the first body byte). The caller closes it.
   *
   * @return empty if the object does not exist
   */
  Optional<StoredObject> read(ModuleRef ref, Artifact artifact);

  /**
   * The artifact's size and entity tag, without its bytes.
   *
   * @return empty if the object does not exist
   */
  Optional<ObjectStat> stat(ModuleRef ref, Artifact artifact);

  /**
   * @return the object's size in bytes, or empty if it does not exist
   */
  default Optional<Long> size(ModuleRef ref, Artifact artifact) {
    return stat(ref, artifact).map(ObjectStat::size);
  }

  /**
   * The versions whose {@code .info} (the completion marker) exists, in Go's version order. Empty
   * list if the module has none.
   */
  List<ModuleVersion> completeVersions(ModulePath path);

  /**
   * Rewrites {@code @v/list} from {@link #completeVersions}, so that it names only complete
   * versions. Idempotent; safe to repeat after any put.
   */
  void rebuildList(ModulePath path);

  /**
   * Reads {@code @v/list}.
   *
   * @return empty if there is no list object
   */
  Optional<String> readList(ModulePath path);

  /**
   * Every key under {@code prefix} ({@code ""} for the whole bucket), in {@link ObjectKeys#ORDER}
   * (S3's list order), read lazily a page at a time so that a bucket of millions of keys is walked
   * in flat memory. Keys of the GOPROXY tree, modmirror's records and foreign objects alike.
   *
   * @throws TransientException from the iterator's {@code next} or {@code hasNext} if the store
   *     cannot be read mid-listing
   */
  Iterator<ListedKey> listKeys(String prefix);

  /**
   * Writes one of modmirror's own records (a tombstone, an unreplicated version), unconditionally.
   *
   * @throws IllegalArgumentException if {@code key} is not under {@link ObjectKeys#OWN_PREFIX}
   * @throws TransientException if the store cannot be reached
   */
  void putRecord(String key, byte[] bytes);

  /**
   * Reads a record written by {@link #putRecord} (at most 64 KiB).
   *
   * @return empty if there is none
   * @throws IllegalArgumentException if {@code key} is not under {@link ObjectKeys#OWN_PREFIX}
   */
  Optional<byte[]> readRecord(String key);

  /**
   * Whether a record written by {@link #putRecord} exists: one metadata read, no content (the
   * warmer asks it of every version for its tombstone, and nearly always hears no).
   *
   * @throws IllegalArgumentException if {@code key} is not under {@link ObjectKeys#OWN_PREFIX}
   * @throws TransientException if the store cannot be reached
   */
  default boolean hasRecord(String key) {
    return readRecord(key).isPresent();
  }

  /**
   * Removes a record; removing an absent one is not an error.
   *
   * @throws IllegalArgumentException if {@code key} is not under {@link ObjectKeys#OWN_PREFIX}
   */
  void deleteRecord(String key);

  /** Removes an artifact; removing an absent one is not an error. */
  void delete(ModuleRef ref, Artifact artifact);

  /** A short name for logs and span attributes, e.g. {@code primary} or a region name. */
  String name();
}
