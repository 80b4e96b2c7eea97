package dev.modmirror.testkit.index;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** Go's {@code time.RFC3339Nano}: UTC, fraction with trailing zeros trimmed, none if zero. */
public final class Rfc3339 {
  private static final DateTimeFormatter SECONDS =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC);

  private Rfc3339() {}

  /** Formats as Go's RFC3339Nano does in UTC: {@code 2019-04-10T19:08:52.99726Z}. */
  public static String format(Instant t) {
    StringBuilder out = new StringBuilder(SECONDS.format(t));
    int nanos = t.getNano();
    if (nanos != 0) {
      String fraction = String.format("%09d", nanos).replaceAll("0+$", "");
      out.append('.').append(fraction);
    }
    return out.append('Z').toString();
  }

  /**
   * Parses RFC 3339 with any fraction and offset.
   *
   * @throws IllegalArgumentException if malformed
   */
  public static Instant parse(String text) {
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("not an RFC 3339 time: " + text, e);
    }
  }
}
