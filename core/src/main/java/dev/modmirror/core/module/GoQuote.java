package dev.modmirror.core.module;

/** Go's {@code %q} quoting (strconv.Quote and QuoteRune), so our messages read as x/mod's do. */
public final class GoQuote {
  private GoQuote() {}

  /** Like Go's {@code strconv.Quote}. */
  static String string(String s) {
    StringBuilder out = new StringBuilder(s.length() + 2).append('"');
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      appendEscaped(out, cp, '"');
      i += Character.charCount(cp);
    }
    return out.append('"').toString();
  }

  /** Like Go's {@code strconv.QuoteRune}. */
  public static String rune(int cp) {
    StringBuilder out = new StringBuilder(8).append('\'');
    appendEscaped(out, cp, '\'');
    return out.append('\'').toString();
  }

  private static void appendEscaped(StringBuilder out, int cp, char quote) {
    if (cp == quote || cp == '\\') {
      out.append('\\').appendCodePoint(cp);
    } else if (isPrint(cp)) {
      out.appendCodePoint(cp);
    } else {
      switch (cp) {
        case '\n' -> out.append("\\n");
        case '\t' -> out.append("\\t");
        case '\r' -> out.append("\\r");
        case 0x07 -> out.append("\\a");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        case 0x0b -> out.append("\\v");
        default -> appendHex(out, cp);
      }
    }
  }

  private static void appendHex(StringBuilder out, int cp) {
    if (cp < 0x80) {
      out.append(String.format("\\x%02x", cp));
    } else if (Character.isSurrogate((char) cp)) {
      out.append("\\ufffd");
    } else if (cp < 0x10000) {
      out.append(String.format("\\u%04x", cp));
    } else {
      out.append(String.format("\\U%08x", cp));
    }
  }

  /**
   * Go's {@code unicode.IsPrint}: letters, marks, numbers, punctuation, symbols and the ASCII
   * space; no other space, no control, format, private-use, surrogate or unassigned code point.
   */
  public static boolean isPrint(int cp) {
    if (cp < 0x80) {
      return cp >= 0x20 && cp < 0x7f;
    }
    int type = Character.getType(cp);
    return type != Character.CONTROL
        && type != Character.FORMAT
        && type != Character.SURROGATE
        && type != Character.UNASSIGNED
        && type != Character.PRIVATE_USE
        && type != Character.LINE_SEPARATOR
        && type != Character.PARAGRAPH_SEPARATOR
        && type != Character.SPACE_SEPARATOR;
  }
}
