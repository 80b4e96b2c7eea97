/**
 * Differential fuzzing of core's ports of Go against the Go oracle ({@code gotool}'s {@code
 * GoOracle}): {@link dev.modmirror.fuzz.Generator} writes structured cases (zips through {@link
 * dev.modmirror.fuzz.ZipForge}, where every field can lie), {@link dev.modmirror.fuzz.Differential}
 * compares modmirror's verdict with Go's, counts documented deliberate refusals apart, shrinks and
 * records disagreements as {@link dev.modmirror.fuzz.Vector} files. {@link
 * dev.modmirror.fuzz.DifferentialMain} is {@code ./modmirror fuzz}. Test-support code: nothing in
 * the services depends on it.
 */
package dev.modmirror.fuzz;
