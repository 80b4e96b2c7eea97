/**
 * JMH benchmarks of the protocol core: h1 hashing against plain SHA-256 of the same file, and zip
 * verification. Run from {@code bench/target/benchmarks.jar}; see docs/benchmarks.md.
 */
package dev.modmirror.bench;
