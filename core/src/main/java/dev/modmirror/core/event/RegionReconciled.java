package dev.modmirror.core.event;

import dev.modmirror.core.module.ModuleRef;
import java.time.Instant;

/**
 * What one reconcile run found wrong with one module version in one region and what it did about
 * it; published to {@link Topics#RECONCILED} for every repair (a dry run publishes nothing).
 *
 * @param finding what differed from the primary
 * @param action what was done
 * @param detail the object and the difference, or why the repair failed
 */
public record RegionReconciled(
    int schema,
    ModuleRef ref,
    String region,
    Finding finding,
    Action action,
    String detail,
    Instant at)
    implements Event {
  public static final int SCHEMA = 1;

  /** What differed from the primary. */
  public enum Finding {
    /** The region had nothing of a version complete in the primary. */
    MISSING,
    /** The region had some files of the version but not all, or no {@code .info}. */
    PARTIAL,
    /** A file's size or entity tag differed from the primary's; the region's copy was re-hashed. */
    MISMATCH,
    /** The version is purged in the primary but the region still held files of it. */
    PURGED
  }

  /** What reconcile did about it. */
  public enum Action {
    /** The version was copied from the primary through the verified copy. */
    COPIED,
    /** Missing or damaged files were written again with bytes of the recorded hashes. */
    REPAIRED,
    /** The region records other hashes: nothing was written (a {@link VersionConflict} too). */
    CONFLICT,
    /** The repair failed; {@code detail} says why. The version stays for the next run. */
    FAILED,
    /** The purged version's files were removed from the region. */
    REMOVED
  }

  public RegionReconciled {
    Events.checkSchema(schema, SCHEMA, "RegionReconciled");
    Events.required(ref, "ref", "RegionReconciled");
    Events.text(region, "region", "RegionReconciled");
    Events.required(finding, "finding", "RegionReconciled");
    Events.required(action, "action", "RegionReconciled");
    Events.required(at, "at", "RegionReconciled");
    detail = detail == null ? "" : detail;
  }

  public static RegionReconciled of(
      ModuleRef ref, String region, Finding finding, Action action, String detail, Instant at) {
    return new RegionReconciled(SCHEMA, ref, region, finding, action, detail, at);
  }
}
