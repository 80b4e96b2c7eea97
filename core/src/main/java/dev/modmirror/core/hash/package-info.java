/**
 * The go command's module hashes: dirhash Hash1 ({@code h1:}) of a zip and of a go.mod, streamed,
 * and the go.sum line forms that carry them.
 */
package dev.modmirror.core.hash;
