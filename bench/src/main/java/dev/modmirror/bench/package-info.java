/**
 * JMH benchmarks of the protocol core: h1 hashing against plain SHA-256 of the same file, and zip
 * verification, go.mod parsing. Run from {@code bench/target/benchmarks.jar} or {@code ./modmirror
 * bench}; see docs/benchmarks.md.
 */
package dev.modmirror.bench;
