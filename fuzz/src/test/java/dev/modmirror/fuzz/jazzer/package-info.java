/**
 * Coverage-guided fuzz targets (Jazzer {@code @FuzzTest}) for every parser of outside input. Each
 * target states the parser's contract: it returns a value or throws the project's typed refusal
 * ({@link dev.modmirror.core.error.InvalidInputException} or a subtype such as {@code
 * ZipRuleException}, {@code SumDbException}, {@code ProxyPathException}, {@code
 * GoModSyntaxException}); any other throwable, a hang or running out of memory is a finding. In an
 * ordinary build the targets replay their seed directories ({@code <Class>Inputs/<method>/} under
 * test resources); {@code ./modmirror fuzz <target>} fuzzes one of them (docs/fuzzing.md).
 */
package dev.modmirror.fuzz.jazzer;
