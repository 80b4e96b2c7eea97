package dev.modmirror.core.zip;

/**
 * What a verified module zip holds, counted in the one read that verified it.
 *
 * @param fileCount the number of files (directory entries not counted)
 * @param uncompressedSize the total number of content bytes, as counted while inflating
 * @param hasGoMod whether the module root has a {@code go.mod}
 * @param hasLicense whether the module root has a {@code LICENSE}
 */
public record ZipSummary(
    int fileCount, long uncompressedSize, boolean hasGoMod, boolean hasLicense) {}
