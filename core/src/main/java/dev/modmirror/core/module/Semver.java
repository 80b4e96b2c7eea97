package dev.modmirror.core.module;

import dev.modmirror.core.error.InvalidInputException;
import java.util.regex.Pattern;

/**
 * Go's semantic versions (golang.org/x/mod/semver) with pseudo-versions and {@code +incompatible}.
 *
 * <p>FOUNDATION VERSION: the protocol work owns the complete ordering and pseudo-version rules.
 */
public final class Semver {
  private static final Pattern CANONICAL =
      Pattern.compile(
          "v(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)"
              + "(-[0-9A-Za-z-]+(\\.[0-9A-Za-z-]+)*)?(\\+incompatible)?");
  private static final Pattern PSEUDO =
      Pattern.compile(".*-(0\\.)?[0-9]{14}-[0-9a-f]{12}(\\+incompatible)?$");

  private Semver() {}

  /**
   * @throws InvalidInputException if {@code v} is not a canonical version
   */
  public static void checkCanonical(String v) {
    if (v == null || !CANONICAL.matcher(v).matches()) {
      throw new InvalidInputException("invalid version: " + v, null, v);
    }
  }

  public static boolean isPseudo(String v) {
    return PSEUDO.matcher(v).matches();
  }

  /** Compares two canonical versions as Go sorts them. */
  public static int compare(String a, String b) {
    return a.compareTo(b);
  }
}
