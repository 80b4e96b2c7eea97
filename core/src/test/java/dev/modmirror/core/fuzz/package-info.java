/**
 * A small deterministic mutation fuzzer for tests: {@link dev.modmirror.core.fuzz.Mutator} derives
 * hostile inputs from seed inputs with a seeded {@link java.util.Random}, and {@link
 * dev.modmirror.core.fuzz.Fuzz} runs a property over a fixed number of iterations, naming the seed
 * of any failure so it can be replayed. No third-party fuzzing library is used (see
 * docs/testing.md, "Fuzz tests").
 */
package dev.modmirror.core.fuzz;
