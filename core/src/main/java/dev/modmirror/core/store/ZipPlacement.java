package dev.modmirror.core.store;

import dev.modmirror.core.module.ModuleRef;

/**
 * How {@link ModuleStore#save} puts a version's zip into the store when the caller does not hand it
 * a stream: the replicator copies the zip on the server ({@link ModuleStore#copyOnServer}) and
 * re-hashes what arrived before the store writes the {@code .info}. Called by the store at the
 * point where it would have put the zip, after its claim and before its {@code .info}.
 */
@FunctionalInterface
public interface ZipPlacement {
  /**
   * Writes the zip of {@code ref} into {@code store}.
   *
   * @throws dev.modmirror.core.error.ModmirrorException as {@link ModuleStore#put} does, or if what
   *     arrived is not the zip of the version's hashes: the save then fails before its {@code
   *     .info}, as for a failed put
   */
  void place(ModuleStore store, ModuleRef ref);
}
