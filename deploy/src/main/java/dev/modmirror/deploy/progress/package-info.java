/**
 * Live progress of the command line's long commands ({@code dev}, {@code ingest} of a tree, {@code
 * prefetch --now}): counts per stage ({@link StageCounts}) shown on stderr by a {@link
 * ProgressDisplay}, as bars kept at the bottom of a terminal (JLine's status area) or as a plain
 * line every few seconds otherwise. Results never go through here: they stay on stdout, so pipes
 * keep working.
 */
package dev.modmirror.deploy.progress;
