package dev.modmirror.core.module;

import dev.modmirror.core.error.InvalidInputException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.Optional;

/**
 * A pseudo-version split into its parts (x/mod module.IsPseudoVersion, parsePseudoVersion). The
 * three forms:
 *
 * <ul>
 *   <li>{@code vX.0.0-yyyymmddhhmmss-abcdefabcdef}: no earlier tag, base {@code vX.0.0};
 *   <li>{@code vX.Y.Z-pre.0.yyyymmddhhmmss-abcdefabcdef}: after pre-release tag, base {@code
 *       vX.Y.Z-pre.0};
 *   <li>{@code vX.Y.(Z+1)-0.yyyymmddhhmmss-abcdefabcdef}: after release tag, base {@code
 *       vX.Y.(Z+1)-0}.
 * </ul>
 *
 * @param version the whole pseudo-version
 * @param base the part before the timestamp, as x/mod parsePseudoVersion returns it
 * @param timestamp 14 digits, UTC {@code yyyymmddhhmmss}
 * @param revision the commit identifier
 * @param build {@code "+incompatible"}, other build metadata, or {@code ""}
 */
public record PseudoVersion(
    String version, String base, String timestamp, String revision, String build) {
  // STRICT, as Go's time.Parse: no February 30th read as the 28th, no hour 24 as the next day.
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("uuuuMMddHHmmss").withResolverStyle(ResolverStyle.STRICT);
  private static final int STAMP_LEN = 14;

  /** Parses {@code v}; empty when it is not a pseudo-version. Linear, no regex. */
  public static Optional<PseudoVersion> parse(String v) {
    ParsedVersion p = ParsedVersion.parse(v);
    if (p == null || p.prerelease().isEmpty()) {
      return Optional.empty();
    }
    String core = v.substring(0, v.length() - p.build().length());
    int firstDash = core.indexOf('-');
    int revDash = core.lastIndexOf('-');
    int sep = revDash - STAMP_LEN - 1;
    if (sep <= firstDash - 1
        || revDash == core.length() - 1
        || !isAlnum(core, revDash + 1, core.length())
        || !ParsedVersion.isNum(core, sep + 1, revDash)) {
      return Optional.empty();
    }
    String base = core.substring(0, sep);
    boolean ok =
        core.charAt(sep) == '-'
            ? sep == firstDash && p.minor().equals("0") && p.patch().equals("0")
            : core.charAt(sep) == '.'
                && core.charAt(sep - 1) == '0'
                && (sep - 2 == firstDash || (sep - 2 > firstDash && core.charAt(sep - 2) == '.'));
    if (!ok) {
      return Optional.empty();
    }
    return Optional.of(
        new PseudoVersion(
            v, base, core.substring(sep + 1, revDash), core.substring(revDash + 1), p.build()));
  }

  /**
   * The commit time encoded in the version.
   *
   * @throws InvalidInputException {@code pseudo-version "v" invalid: malformed time "…"} when the
   *     14 digits are not a real date and time
   */
  public java.time.Instant time() {
    try {
      return LocalDateTime.parse(timestamp, STAMP).toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      throw new InvalidInputException(
          "pseudo-version "
              + GoQuote.string(version)
              + " invalid: malformed time "
              + GoQuote.string(timestamp),
          null,
          version,
          e);
    }
  }

  private static boolean isAlnum(String s, int from, int to) {
    for (int k = from; k < to; k++) {
      char c = s.charAt(k);
      if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))) {
        return false;
      }
    }
    return true;
  }
}
