package dev.modmirror.adapters.json;

import dev.modmirror.core.index.FeedTime;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;

/**
 * Writes instants as {@link Instant#toString()} (Jackson's default form) does, and reads the one
 * instant form that modmirror writes ({@link Instant#toString()}, Jackson's default: {@code
 * yyyy-MM-ddTHH:mm:ss[.f…]Z}) without {@link java.time.format.DateTimeFormatter}, which was most of
 * a record's read. Only that form, with every field in range, is read here: anything else (an
 * offset, lower case, a leap second, {@code 24:00}, a year of other than four digits, a day the
 * month lacks, spaces, numbers) returns null, and the caller reads it through Jackson as before,
 * which accepts or refuses it as it always did.
 */
final class IsoInstant {
  private IsoInstant() {}

  /** {@code at} as {@link Instant#toString()} writes it, the same characters. */
  static String format(Instant at) {
    byte[] out = new byte[MAX_CHARS];
    int n = write(out, 0, at);
    return n < 0 ? at.toString() : new String(out, 0, n, StandardCharsets.ISO_8859_1);
  }

  /** The most bytes {@link #write} writes. */
  static final int MAX_CHARS = 30;

  /**
   * Writes {@code at} as {@link Instant#toString()} does ({@link
   * java.time.format.DateTimeFormatter#ISO_INSTANT}: seconds always, the fraction in groups of
   * three digits, none when zero) at {@code from}, in ASCII, if its year is 0000–9999 (other years
   * take a sign and more digits: the caller writes {@link Instant#toString()} then).
   *
   * @return the position after the written bytes, or -1 if nothing was written
   */
  static int write(byte[] out, int from, Instant at) {
    long seconds = at.getEpochSecond();
    if (seconds < FIRST_SECOND || seconds > LAST_SECOND) {
      return -1;
    }
    LocalDate date = LocalDate.ofEpochDay(Math.floorDiv(seconds, 86_400L));
    int ofDay = (int) Math.floorMod(seconds, 86_400L);
    int i = put(out, from, date.getYear(), 4);
    out[i++] = '-';
    i = put(out, i, date.getMonthValue(), 2);
    out[i++] = '-';
    i = put(out, i, date.getDayOfMonth(), 2);
    out[i++] = 'T';
    i = put(out, i, ofDay / 3_600, 2);
    out[i++] = ':';
    i = put(out, i, ofDay / 60 % 60, 2);
    out[i++] = ':';
    i = put(out, i, ofDay % 60, 2);
    int nanos = at.getNano();
    if (nanos != 0) {
      out[i++] = '.';
      if (nanos % 1_000_000 == 0) {
        i = put(out, i, nanos / 1_000_000, 3);
      } else if (nanos % 1_000 == 0) {
        i = put(out, i, nanos / 1_000, 6);
      } else {
        i = put(out, i, nanos, 9);
      }
    }
    out[i++] = 'Z';
    return i;
  }

  // 0000-01-01T00:00:00Z and 9999-12-31T23:59:59Z.
  private static final long FIRST_SECOND = -62_167_219_200L;
  private static final long LAST_SECOND = 253_402_300_799L;

  /** {@code value} in exactly {@code width} decimal digits, zero-padded. */
  private static int put(byte[] out, int at, int value, int width) {
    for (int i = at + width - 1; i >= at; i--) {
      out[i] = (byte) ('0' + value % 10);
      value /= 10;
    }
    return at + width;
  }

  /**
   * The instant {@code s} denotes in exactly the written form, or null if not in that form: the
   * index feed's fast path reads the same form ({@link FeedTime#fastUtc}).
   */
  static Instant parse(String s) {
    return FeedTime.fastUtc(s);
  }
}
