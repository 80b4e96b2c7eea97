/** The module zip rules (golang.org/x/mod/zip CheckZip): what a zip must be before it is stored. */
package dev.modmirror.core.zip;
