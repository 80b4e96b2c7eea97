package dev.modmirror.core.hash;

import dev.modmirror.core.error.InvalidInputException;
import dev.modmirror.core.module.ModuleRef;
import java.util.Objects;

/**
 * One go.sum (or checksum database record) line: {@code M V h1:…} for the module zip, {@code M
 * V/go.mod h1:…} for its go.mod.
 *
 * @param ref the module version
 * @param goMod true for the {@code /go.mod} form
 * @param hash the hash with its algorithm prefix, e.g. {@code h1:…}
 */
public record GoSumLine(ModuleRef ref, boolean goMod, String hash) {
  private static final String GO_MOD_SUFFIX = "/go.mod";

  /**
   * @throws InvalidInputException if the hash is not {@code alg:value} or contains a space
   */
  public GoSumLine {
    Objects.requireNonNull(ref, "ref");
    Objects.requireNonNull(hash, "hash");
    int colon = hash.indexOf(':');
    if (colon <= 0 || colon == hash.length() - 1 || hash.chars().anyMatch(c -> c <= ' ')) {
      throw new InvalidInputException("malformed go.sum hash: " + hash, ref);
    }
  }

  /**
   * Parses one line (without its newline): exactly three fields separated by single spaces.
   *
   * @throws InvalidInputException if the line is malformed or the module or version is invalid
   */
  public static GoSumLine parse(String line) {
    String[] f = line == null ? new String[0] : line.split(" ", -1);
    if (f.length != 3) {
      throw new InvalidInputException("malformed go.sum line: " + line);
    }
    boolean goMod = f[1].endsWith(GO_MOD_SUFFIX);
    String version = goMod ? f[1].substring(0, f[1].length() - GO_MOD_SUFFIX.length()) : f[1];
    return new GoSumLine(ModuleRef.of(f[0], version), goMod, f[2]);
  }

  /** The line without a trailing newline. */
  public String format() {
    return ref.path().value()
        + " "
        + ref.version().value()
        + (goMod ? GO_MOD_SUFFIX : "")
        + " "
        + hash;
  }

  @Override
  public String toString() {
    return format();
  }
}
