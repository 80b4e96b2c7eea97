/**
 * The module zip rules (golang.org/x/mod/zip {@code CheckZip} and what {@code Unzip} enforces):
 * what a zip must be before it is stored. {@link dev.modmirror.core.zip.ZipArchive} is the
 * defensive reader (own central directory parse, local header cross-check, counted inflation) that
 * {@link dev.modmirror.core.zip.ModuleZipVerifier} and the h1 hash share.
 */
package dev.modmirror.core.zip;
