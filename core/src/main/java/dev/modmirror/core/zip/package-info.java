/**
 * The module zip rules (golang.org/x/mod/zip {@code CheckZip} and what {@code Unzip} enforces):
 * what a zip must be before it is stored. {@link dev.modmirror.core.zip.ZipArchive} reads a zip as
 * Go's archive/zip reads it (end records, zip64 sentinels, directory counts modulo 65,536, data
 * descriptors), plus the deliberate checks of {@link dev.modmirror.core.zip.ZipRule} marked {@code
 * stricterThanGo} (local headers, overlaps, a second parser's agreement); {@link
 * dev.modmirror.core.zip.ModuleZipVerifier} and the h1 hash share it, in one read. Refereed by the
 * Go oracle (docs/verification.md).
 */
package dev.modmirror.core.zip;
