package dev.modmirror.core.event;

import dev.modmirror.core.module.ModuleRef;
import dev.modmirror.core.store.SaveOutcome;
import java.time.Instant;

/**
 * A store holds one version of a module version and was offered another: the offered bytes were
 * refused and nothing of them was written. Module versions are immutable, so this is never resolved
 * by writing; it is recorded on {@link Topics#CONFLICTS} for an operator (the upstream changed a
 * published version, or a region holds bytes the primary does not). Published by the warmer for the
 * primary (the request itself ends {@link FailureStatus#CONFLICT}) and by the replicator for a
 * region.
 *
 * @param store the store that holds the version: {@code primary} or a region's name
 * @param storedH1 the zip h1 the store holds (recorded with its {@code .info}, or claimed by an
 *     unfinished save when {@code complete} is false)
 * @param storedGoModH1 the go.mod h1 the store holds
 * @param offeredH1 the zip h1 of the refused bytes
 * @param offeredGoModH1 the go.mod h1 of the refused bytes
 * @param complete whether the stored version is complete ({@code .info} exists)
 * @param offeredBy where the refused bytes came from: the upstream, or {@code primary} for a copy
 */
public record VersionConflict(
    int schema,
    ModuleRef ref,
    String store,
    String storedH1,
    String storedGoModH1,
    String offeredH1,
    String offeredGoModH1,
    boolean complete,
    String offeredBy,
    Instant detectedAt)
    implements Event {
  public static final int SCHEMA = 1;

  /** The {@code errorKind} of the {@link VersionFailed} that ends a conflicting request. */
  public static final String ERROR_KIND = "conflict";

  public VersionConflict {
    Events.checkSchema(schema, SCHEMA, "VersionConflict");
    Events.required(ref, "ref", "VersionConflict");
    Events.text(store, "store", "VersionConflict");
    Events.text(storedH1, "storedH1", "VersionConflict");
    Events.text(storedGoModH1, "storedGoModH1", "VersionConflict");
    Events.text(offeredH1, "offeredH1", "VersionConflict");
    Events.text(offeredGoModH1, "offeredGoModH1", "VersionConflict");
    Events.text(offeredBy, "offeredBy", "VersionConflict");
    Events.required(detectedAt, "detectedAt", "VersionConflict");
  }

  /**
   * The conflict a save of {@code store} reported, the refused bytes offered by {@code offeredBy}.
   */
  public static VersionConflict of(
      SaveOutcome.Conflict conflict, String store, String offeredBy, Instant detectedAt) {
    return new VersionConflict(
        SCHEMA,
        conflict.ref(),
        store,
        conflict.stored().h1(),
        conflict.stored().goModH1(),
        conflict.offered().h1(),
        conflict.offered().goModH1(),
        conflict.complete(),
        offeredBy,
        detectedAt);
  }

  /** The one-line description an alert log and a failure reason carry: both hash pairs. */
  public String describe() {
    return (complete ? "" : "pending ")
        + "version in "
        + store
        + " has h1 "
        + storedH1
        + " (go.mod "
        + storedGoModH1
        + "); "
        + offeredBy
        + " offered h1 "
        + offeredH1
        + " (go.mod "
        + offeredGoModH1
        + "); nothing written";
  }
}
