/**
 * The replicator: copies each warmed module version from the primary bucket to every region bucket.
 * Each region consumes with its own consumer group, so each keeps its own progress and a slow or
 * dead region never holds back the others.
 */
package dev.modmirror.replicator;
