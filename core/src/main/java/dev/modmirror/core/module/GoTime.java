package dev.modmirror.core.module;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * {@code time.Time.UnmarshalJSON}'s parse of the raw bytes between a JSON string's quotes (escapes
 * are not decoded: Go does not either): {@code time.Parse(time.RFC3339, …)}, whose layout reads a
 * 4-digit year, 2-digit month, day, minute and second, a 1- or 2-digit hour, an optional fraction
 * after {@code .} or {@code ,}, and {@code Z} or {@code ±hh:mm} with hh ≤ 24, mm ≤ 60.
 */
final class GoTime {
  private GoTime() {}

  static Instant parseRfc3339(byte[] raw) throws GoJson.SyntaxError {
    Cursor c = new Cursor(raw);
    int year = c.digits(4);
    c.literal('-');
    int month = c.digits(2);
    c.literal('-');
    int day = c.digits(2);
    c.literal('T');
    int hour = c.oneOrTwoDigits();
    c.literal(':');
    int minute = c.digits(2);
    c.literal(':');
    int second = c.digits(2);
    if (month < 1 || month > 12 || hour > 23 || minute > 59 || second > 59) {
      throw bad(raw);
    }
    long nanos = 0;
    if (c.left() >= 2 && (c.peek() == '.' || c.peek() == ',') && isDigit(c.peekAt(1))) {
      c.skip();
      int n = 0;
      long value = 0;
      while (c.left() > 0 && isDigit(c.peek())) {
        int d = c.next() - '0';
        if (n < 9) {
          value = value * 10 + d;
        }
        n++;
      }
      for (int k = Math.min(n, 9); k < 9; k++) {
        value *= 10;
      }
      nanos = value;
    }
    long offsetSeconds = 0;
    if (c.left() >= 1 && c.peek() == 'Z') {
      c.skip();
    } else {
      if (c.left() < 6 || c.peekAt(3) != ':') {
        throw bad(raw);
      }
      int sign = c.next();
      int hh = c.digits(2);
      c.skip();
      int mm = c.digits(2);
      if ((sign != '+' && sign != '-') || hh > 24 || mm > 60) {
        throw bad(raw);
      }
      offsetSeconds = (sign == '-' ? -1 : 1) * (hh * 3600L + mm * 60L);
    }
    if (c.left() != 0) {
      throw bad(raw);
    }
    if (day < 1 || day > LocalDate.of(year, month, 1).lengthOfMonth()) {
      throw bad(raw);
    }
    long epoch =
        LocalDate.of(year, month, day).atStartOfDay().toEpochSecond(ZoneOffset.UTC)
            + hour * 3600L
            + minute * 60L
            + second
            - offsetSeconds;
    return Instant.ofEpochSecond(epoch, nanos);
  }

  private static boolean isDigit(int c) {
    return c >= '0' && c <= '9';
  }

  private static GoJson.SyntaxError bad(byte[] raw) {
    return new GoJson.SyntaxError(
        "parsing time "
            + new String(raw, java.nio.charset.StandardCharsets.UTF_8)
            + " as RFC 3339");
  }

  private static final class Cursor {
    private final byte[] s;
    private int i;

    Cursor(byte[] s) {
      this.s = s;
    }

    int left() {
      return s.length - i;
    }

    int peek() {
      return s[i] & 0xff;
    }

    int peekAt(int k) {
      return s[i + k] & 0xff;
    }

    int next() {
      return s[i++] & 0xff;
    }

    void skip() {
      i++;
    }

    void literal(char c) throws GoJson.SyntaxError {
      if (left() < 1 || next() != c) {
        throw bad(s);
      }
    }

    int digits(int n) throws GoJson.SyntaxError {
      int v = 0;
      for (int k = 0; k < n; k++) {
        if (left() < 1 || !isDigit(peek())) {
          throw bad(s);
        }
        v = v * 10 + next() - '0';
      }
      return v;
    }

    int oneOrTwoDigits() throws GoJson.SyntaxError {
      int v = digits(1);
      if (left() > 0 && isDigit(peek())) {
        v = v * 10 + next() - '0';
      }
      return v;
    }
  }
}
