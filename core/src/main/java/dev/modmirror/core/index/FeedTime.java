package dev.modmirror.core.index;

import dev.modmirror.core.error.InvalidInputException;
import java.time.Instant;
import java.time.LocalDateTime;
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
    StringBuilder out = new StringBuilder(30);
    LocalDateTime utc = LocalDateTime.ofEpochSecond(t.getEpochSecond(), 0, ZoneOffset.UTC);
    if (utc.getYear() < 1000 || utc.getYear() > 9999) {
      out.append(SECONDS.format(t));
    } else {
      out.append(utc.getYear()).append('-');
      two(out, utc.getMonthValue()).append('-');
      two(out, utc.getDayOfMonth()).append('T');
      two(out, utc.getHour()).append(':');
      two(out, utc.getMinute()).append(':');
      two(out, utc.getSecond());
    }
    int nanos = t.getNano();
    if (nanos != 0) {
      // Nine digits, trailing zeros trimmed: a feed page formats 2000 of these.
      int width = 9;
      while (nanos % 10 == 0) {
        nanos /= 10;
        width--;
      }
      out.append('.');
      for (int scale = pow10(width - 1); scale > 0; scale /= 10) {
        out.append((char) ('0' + nanos / scale % 10));
      }
    }
    return out.append('Z').toString();
  }

  private static int pow10(int n) {
    int p = 1;
    for (int i = 0; i < n; i++) {
      p *= 10;
    }
    return p;
  }

  private static StringBuilder two(StringBuilder out, int value) {
    return out.append((char) ('0' + value / 10)).append((char) ('0' + value % 10));
  }

  /**
   * Parses RFC 3339 with any fraction and offset.
   *
   * @throws InvalidInputException if malformed
   */
  public static Instant parse(String text) {
    Instant fast = fastUtc(text);
    if (fast != null) {
      return fast;
    }
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException | NullPointerException e) {
      throw new InvalidInputException("not an RFC 3339 time: " + text);
    }
  }

  /**
   * The index's own form, {@code YYYY-MM-DDTHH:MM:SS[.fraction]Z} (1–9 digits of fraction, every
   * field in range), read without a formatter (a feed page has 2000 of them); null for anything
   * else, which the caller then reads with a general parser. It is also {@link
   * Instant#toString()}'s form for years 0000–9999, which the event JSON reads the same way.
   */
  public static Instant fastUtc(String t) {
    int n = t == null ? 0 : t.length();
    if (n < 20
        || t.charAt(n - 1) != 'Z'
        || t.charAt(4) != '-'
        || t.charAt(7) != '-'
        || t.charAt(10) != 'T'
        || t.charAt(13) != ':'
        || t.charAt(16) != ':') {
      return null;
    }
    int year = digits(t, 0, 4);
    int month = digits(t, 5, 7);
    int day = digits(t, 8, 10);
    int hour = digits(t, 11, 13);
    int minute = digits(t, 14, 16);
    int second = digits(t, 17, 19);
    int nanos = 0;
    if (n > 20) {
      if (t.charAt(19) != '.' || n - 21 > 9 || n - 21 < 1) {
        return null;
      }
      int fraction = digits(t, 20, n - 1);
      if (fraction < 0) {
        return null;
      }
      nanos = fraction;
      for (int i = n - 21; i < 9; i++) {
        nanos *= 10;
      }
    } else if (t.charAt(19) != 'Z') {
      return null;
    }
    if (year < 0
        || month < 1
        || month > 12
        || day < 1
        || hour < 0
        || hour > 23
        || minute < 0
        || minute > 59
        || second < 0
        || second > 59) {
      return null;
    }
    try {
      return LocalDateTime.of(year, month, day, hour, minute, second, nanos)
          .toInstant(ZoneOffset.UTC);
    } catch (java.time.DateTimeException e) {
      return null;
    }
  }

  /** The decimal value of {@code t[from, to)}, or -1 if any character is not a digit. */
  private static int digits(String t, int from, int to) {
    int v = 0;
    for (int i = from; i < to; i++) {
      char c = t.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      v = v * 10 + (c - '0');
    }
    return v;
  }
}
