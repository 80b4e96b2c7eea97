package dev.modmirror.core.hash;

import dev.modmirror.core.zip.ZipSummary;

/**
 * A module zip that passed the zip rules, with the h1 computed in the same read.
 *
 * @param summary what the verifier counted
 * @param h1 dirhash Hash1 of the zip, as {@code go mod download} records it ({@code Sum})
 */
public record VerifiedZip(ZipSummary summary, String h1) {}
