/**
 * Synthetic Go module versions (zip, go.mod, info) built in memory, byte-for-byte deterministic,
 * and deliberately broken variants for negative tests. Used by the test kit and by dev mode to fill
 * a sample upstream.
 */
package dev.modmirror.embedded.module;
