package dev.modmirror.core.index;

import dev.modmirror.core.error.InvalidInputException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * Go's {@code time.RFC3339Nano} as the index writes and reads it: UTC, the fraction with trailing
 * zeros trimmed and none when zero. Nanoseconds are kept: the feed's {@code since} is inclusive,
 * and a page whose entries share a second would otherwise be fetched again for ever.
 */
public final class FeedTime {
  private static final DateTimeFormatter SECONDS =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC);

  private FeedTime() {}

  /** {@code 2019-04-10T19:08:52.99726Z}. */
  public static String format(Instant t) {
    StringBuilder out = new StringBuilder(30).append(SECONDS.format(t));
    int nanos = t.getNano();
    if (nanos != 0) {
      String digits = Integer.toString(nanos + 1_000_000_000).substring(1);
      int end = digits.length();
      while (digits.charAt(end - 1) == '0') {
        end--;
      }
      out.append('.').append(digits, 0, end);
    }
    return out.append('Z').toString();
  }

  /**
   * Parses RFC 3339 with any fraction and offset.
   *
   * @throws InvalidInputException if malformed
   */
  public static Instant parse(String text) {
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException | NullPointerException e) {
      throw new InvalidInputException("not an RFC 3339 time: " + text);
    }
  }
}
