package dev.modmirror.core.gomod;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Go's string literal rules as x/mod modfile.parseString applies them to go.mod values. */
final class GoStrings {
  private GoStrings() {}

  /**
   * The value of a token: an interpreted string is unquoted (strconv.Unquote); a bare word is taken
   * as is unless it holds a quote character; a raw string is refused, as x/mod refuses it.
   *
   * @throws IllegalArgumentException with the x/mod reason
   */
  static String value(Token token) {
    String t = token.text();
    if (t.startsWith("\"")) {
      return unquote(t);
    }
    if (t.indexOf('"') >= 0 || t.indexOf('\'') >= 0 || t.indexOf('`') >= 0) {
      throw new IllegalArgumentException("unquoted string cannot contain quote");
    }
    return t;
  }

  /** strconv.Unquote of a complete {@code "…"} literal whose quotes the lexer already matched. */
  static String unquote(String quoted) {
    if (quoted.length() < 2 || !quoted.endsWith("\"")) {
      throw new IllegalArgumentException("invalid syntax");
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(quoted.length());
    int end = quoted.length() - 1;
    int i = 1;
    while (i < end) {
      char c = quoted.charAt(i);
      if (c == '"') {
        throw new IllegalArgumentException("invalid syntax");
      }
      if (c != '\\') {
        int cp = quoted.codePointAt(i);
        out.writeBytes(new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8));
        i += Character.charCount(cp);
        continue;
      }
      i = escape(quoted, i + 1, end, out);
    }
    // Bytes from \x or octal escapes may not be UTF-8: they decode to U+FFFD, which no path allows.
    return new String(out.toByteArray(), StandardCharsets.UTF_8);
  }

  private static int escape(String s, int i, int end, ByteArrayOutputStream out) {
    if (i >= end) {
      throw new IllegalArgumentException("invalid syntax");
    }
    char c = s.charAt(i);
    switch (c) {
      case 'a' -> out.write(7);
      case 'b' -> out.write('\b');
      case 'f' -> out.write('\f');
      case 'n' -> out.write('\n');
      case 'r' -> out.write('\r');
      case 't' -> out.write('\t');
      case 'v' -> out.write(11);
      case '\\', '"' -> out.write(c);
      case 'x' -> {
        out.write(hex(s, i + 1, 2, end));
        return i + 3;
      }
      case 'u', 'U' -> {
        int n = c == 'u' ? 4 : 8;
        int cp = hex(s, i + 1, n, end);
        if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
          throw new IllegalArgumentException("invalid syntax");
        }
        out.writeBytes(new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8));
        return i + 1 + n;
      }
      case '0', '1', '2', '3', '4', '5', '6', '7' -> {
        out.write(octal(s, i, end));
        return i + 3;
      }
      default -> throw new IllegalArgumentException("invalid syntax");
    }
    return i + 1;
  }

  private static int hex(String s, int from, int n, int end) {
    if (from + n > end) {
      throw new IllegalArgumentException("invalid syntax");
    }
    long v = 0;
    for (int k = from; k < from + n; k++) {
      int d = Character.digit(s.charAt(k), 16);
      if (d < 0 || s.charAt(k) > 0x7f) {
        throw new IllegalArgumentException("invalid syntax");
      }
      v = v * 16 + d;
    }
    return (int) Math.min(v, Integer.MAX_VALUE);
  }

  private static int octal(String s, int from, int end) {
    if (from + 3 > end) {
      throw new IllegalArgumentException("invalid syntax");
    }
    int v = 0;
    for (int k = from; k < from + 3; k++) {
      char d = s.charAt(k);
      if (d < '0' || d > '7') {
        throw new IllegalArgumentException("invalid syntax");
      }
      v = v * 8 + (d - '0');
    }
    if (v > 255) {
      throw new IllegalArgumentException("invalid syntax");
    }
    return v;
  }
}
