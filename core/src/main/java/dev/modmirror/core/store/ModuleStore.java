package dev.modmirror.core.store;

import dev.modmirror.core.error.ModmirrorException;
import dev.modmirror.core.error.TransientException;
import dev.modmirror.core.module.ModulePath;
import dev.modmirror.core.module.ModuleRef;
import dev.modmirror.core.module.ModuleVersion;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;

/**
 * A bucket of Go modules laid out as {@link ObjectKeys} says. Implementations translate vendor
 * errors into {@link ModmirrorException} kinds (an unreachable store is {@link
 * TransientException}); none of these methods returns null.
 */
public interface ModuleStore {

  /**
   * Stores a whole module version in the one order that keeps readers safe (athens' {@code
   * Saver.Save}): {@code .mod}, then {@code .zip}, then {@code .info}, the completion marker, then
   * {@code @v/list} rebuilt to name it. A reader that finds the {@code .info} therefore finds the
   * whole zip beside it (athens issues 1032, 1841). The order is the port's, not the caller's:
   * adapters do not override this, and {@code ModuleStoreContract} pins it for every adapter.
   *
   * <p>If a step fails, the version stays incomplete (no {@code .info}, not listed; a {@code .mod}
   * or {@code .zip} may remain) and the save may be repeated. A repeated save of a complete version
   * rewrites it; the last write wins.
   *
   * @throws TransientException if the store cannot be reached or the zip stream fails; nothing of
   *     the version is marked complete then
   */
  default SaveOutcome save(ModuleRef ref, VersionFiles files) {
    put(ref, Artifact.MOD, new ByteArrayInputStream(files.mod()), files.mod().length);
    put(ref, Artifact.ZIP, files.zip(), files.zipLength());
    put(ref, Artifact.INFO, new ByteArrayInputStream(files.info()), files.info().length);
    rebuildList(ref.path());
    return new SaveOutcome.Stored(ref);
  }

  /**
   * Stores one artifact; services store whole versions with {@link #save}. Atomic: a reader sees
   * either nothing or the whole object, never a prefix, even if the writer crashes mid-upload. May
   * be repeated; the last write wins.
   *
   * @param content read to its end, not closed
   * @param length the exact byte count, or -1 if unknown (the adapter then uploads in parts)
   */
  void put(ModuleRef ref, Artifact artifact, InputStream content, long length);

  /**
   * Opens an artifact for streaming. The caller closes the stream.
   *
   * @return empty if the object does not exist
   */
  Optional<InputStream> open(ModuleRef ref, Artifact artifact);

  /**
   * @return the object's size in bytes, or empty if it does not exist
   */
  Optional<Long> size(ModuleRef ref, Artifact artifact);

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

  /** Removes an artifact; removing an absent one is not an error. */
  void delete(ModuleRef ref, Artifact artifact);

  /** A short name for logs and span attributes, e.g. {@code primary} or a region name. */
  String name();
}
