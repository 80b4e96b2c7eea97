package dev.modmirror.core.store;

import dev.modmirror.core.error.InvalidInputException;
import dev.modmirror.core.module.ModuleRef;
import java.util.Objects;

/**
 * The two hashes that identify a module version's content, as go.sum records them: the zip's h1 and
 * the go.mod's h1. Two copies of a version are the same version exactly when both are equal (the go
 * command checks nothing else). A store records them with the version (see {@link
 * ModuleStore#save}); once a version is complete, its recorded hashes are the truth.
 *
 * @param h1 the zip's dirhash, {@code h1:…}
 * @param goModH1 the go.mod's dirhash, {@code h1:…}
 */
public record VersionHashes(String h1, String goModH1) {
  public VersionHashes {
    check(h1, "h1");
    check(goModH1, "goModH1");
  }

  /** The go.sum lines of {@code ref}, newline-terminated: the pending record's text. */
  public String goSumLines(ModuleRef ref) {
    String prefix = ref.path().value() + " " + ref.version().value();
    return prefix + " " + h1 + "\n" + prefix + "/go.mod " + goModH1 + "\n";
  }

  /**
   * Reads what {@link #goSumLines} wrote for {@code ref}.
   *
   * @throws InvalidInputException if the text is not exactly those two lines for {@code ref}
   */
  public static VersionHashes parseGoSumLines(ModuleRef ref, String text) {
    String prefix = ref.path().value() + " " + ref.version().value();
    String[] lines = text.split("\n", -1);
    if (lines.length != 3
        || !lines[2].isEmpty()
        || !lines[0].startsWith(prefix + " ")
        || !lines[1].startsWith(prefix + "/go.mod ")) {
      throw new InvalidInputException("not the go.sum lines of " + ref + ": " + text, ref);
    }
    return new VersionHashes(
        lines[0].substring(prefix.length() + 1),
        lines[1].substring(prefix.length() + "/go.mod ".length()));
  }

  private static void check(String hash, String field) {
    Objects.requireNonNull(hash, field);
    if (!hash.startsWith("h1:") || hash.length() < 4 || hash.chars().anyMatch(c -> c <= ' ')) {
      throw new InvalidInputException(field + " is not an h1: hash: " + hash);
    }
  }

  @Override
  public String toString() {
    return h1 + " (go.mod " + goModH1 + ")";
  }
}
