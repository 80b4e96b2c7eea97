package dev.modmirror.core.module;

import dev.modmirror.core.error.InvalidInputException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Go's semantic versions (golang.org/x/mod/semver, module.CanonicalVersion) with pseudo-versions
 * and {@code +incompatible}. Parsing is a single linear scan: no regular expressions on input.
 */
public final class Semver {
  private static final String INCOMPATIBLE = "+incompatible";

  private Semver() {}

  /** x/mod semver.IsValid: {@code vMAJOR[.MINOR[.PATCH[-PRE][+BUILD]]]}. */
  public static boolean isValid(String v) {
    return ParsedVersion.parse(v) != null;
  }

  /** The parts of a valid version; empty when {@code v} is not one. */
  public static Optional<ParsedVersion> parse(String v) {
    return Optional.ofNullable(ParsedVersion.parse(v));
  }

  /**
   * x/mod module.CanonicalVersion: fills in a missing minor or patch, drops build metadata except
   * {@code +incompatible}.
   *
   * @return empty when {@code v} is not a valid version
   */
  public static Optional<String> canonical(String v) {
    ParsedVersion p = ParsedVersion.parse(v);
    if (p == null) {
      return Optional.empty();
    }
    String base = v.substring(0, v.length() - p.build().length()) + p.shorthand();
    return Optional.of(p.build().equals(INCOMPATIBLE) ? base + INCOMPATIBLE : base);
  }

  /**
   * Checks that {@code v} is a canonical module version as x/mod's {@code CanonicalVersion} sees
   * it: valid, written in full, with no build metadata other than {@code +incompatible}. (cmd/go
   * refuses {@code v0}/{@code v1} with {@code +incompatible} only when it builds versions from a
   * repository; served by a proxy, it accepts them, and so do we.)
   *
   * @throws InvalidInputException {@code version "v" invalid: <reason>}
   */
  public static void checkCanonical(String v) {
    ParsedVersion p = ParsedVersion.parse(v);
    String reason;
    if (p == null) {
      reason = "not a semantic version";
    } else if (!canonical(v).orElseThrow().equals(v)) {
      reason = "must be of the form v1.2.3 (canonical: " + canonical(v).orElseThrow() + ")";
    } else {
      return;
    }
    throw new InvalidInputException(
        "version " + GoQuote.string(String.valueOf(v)) + " invalid: " + reason, null, v);
  }

  /** True for pseudo-versions in any of the three forms; see {@link PseudoVersion}. */
  public static boolean isPseudo(String v) {
    return PseudoVersion.parse(v).isPresent();
  }

  /** x/mod semver.Major: {@code "v2"} for {@code v2.1.0}; {@code ""} if invalid. */
  public static String major(String v) {
    ParsedVersion p = ParsedVersion.parse(v);
    return p == null ? "" : "v" + p.major();
  }

  /** x/mod semver.Build: {@code "+meta"} or {@code ""}. */
  public static String build(String v) {
    ParsedVersion p = ParsedVersion.parse(v);
    return p == null ? "" : p.build();
  }

  /** x/mod semver.Prerelease: {@code "-pre"} or {@code ""}. */
  public static String prerelease(String v) {
    ParsedVersion p = ParsedVersion.parse(v);
    return p == null ? "" : p.prerelease();
  }

  /**
   * x/mod semver.Compare: precedence, ignoring build metadata; an invalid version is less than a
   * valid one and all invalid versions are equal.
   */
  public static int compare(String a, String b) {
    return VersionOrder.compare(ParsedVersion.parse(a), ParsedVersion.parse(b));
  }

  /**
   * Sorts as x/mod semver.Sort ({@code go list -m -versions}, {@code @v/list} consumers): by {@link
   * #compare}, ties broken by plain string order.
   *
   * @return a new sorted list
   */
  public static List<String> sortVersions(Collection<String> versions) {
    List<String> sorted = new ArrayList<>(versions);
    sorted.sort(
        (a, b) -> {
          int c = compare(a, b);
          return c != 0 ? c : a.compareTo(b);
        });
    return sorted;
  }
}
