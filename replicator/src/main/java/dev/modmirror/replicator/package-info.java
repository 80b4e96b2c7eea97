/**
 * The replicator: copies each warmed module version from the primary bucket to every region bucket
 * ({@link dev.modmirror.replicator.ReplicateVersion}). Each region consumes with its own consumer
 * group, so each keeps its own progress and a slow or dead region never holds back the others; a
 * copy that gives up is recorded as pending for its region ({@link
 * dev.modmirror.replicator.UnreplicatedVersions}), never dropped. Anti-entropy ({@link
 * dev.modmirror.replicator.Reconciler}) brings every region back to what the primary holds by a
 * merge of sorted listings, in memory bounded by one module; {@link dev.modmirror.replicator.Purge}
 * is the one way a version leaves the buckets; {@link dev.modmirror.replicator.VersionStatus} says
 * where a version is and how far behind each region is. Every write to a region goes through {@link
 * dev.modmirror.replicator.VerifiedCopy}: the primary's bytes re-verified against the hashes they
 * were warmed with, and the region's {@code ModuleStore.save} semantics (a region holding other
 * hashes is a conflict, never overwritten).
 */
package dev.modmirror.replicator;
