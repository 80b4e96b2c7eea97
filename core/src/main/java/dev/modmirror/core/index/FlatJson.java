package dev.modmirror.core.index;

import java.util.HashMap;
import java.util.Map;

/**
 * Reads one flat JSON object whose values are strings (others are skipped), as the index writes its
 * lines. Strict: anything else is an error with the offset, never a partial result. Small on
 * purpose: core has no JSON library, and a feed line has three string fields.
 */
final class FlatJson {
  private final String text;
  private int pos;

  private FlatJson(String text) {
    this.text = text;
  }

  /** Thrown for malformed input; the message names the offset. */
  static final class Malformed extends Exception {
    private static final long serialVersionUID = 1L;

    Malformed(String message) {
      super(message, null, false, false);
    }
  }

  /** The object's string members; a repeated key keeps its last value, as encoding/json does. */
  static Map<String, String> parse(String text) throws Malformed {
    FlatJson p = new FlatJson(text);
    Map<String, String> out = new HashMap<>(8);
    p.skipSpace();
    p.expect('{');
    p.skipSpace();
    if (p.peek() == '}') {
      p.pos++;
    } else {
      while (true) {
        p.skipSpace();
        String key = p.string();
        p.skipSpace();
        p.expect(':');
        p.skipSpace();
        if (p.peek() == '"') {
          out.put(key, p.string());
        } else {
          p.scalar();
        }
        p.skipSpace();
        char c = p.next();
        if (c == '}') {
          break;
        }
        if (c != ',') {
          throw p.error("expected ',' or '}'");
        }
      }
    }
    p.skipSpace();
    if (p.pos != text.length()) {
      throw p.error("trailing characters after the object");
    }
    return out;
  }

  private void scalar() throws Malformed {
    int start = pos;
    while (pos < text.length() && "-+.0123456789eEtruefalsn".indexOf(text.charAt(pos)) >= 0) {
      pos++;
    }
    if (pos == start) {
      throw error("expected a string, number, true, false or null");
    }
  }

  private String string() throws Malformed {
    expect('"');
    StringBuilder out = null;
    int start = pos;
    while (true) {
      if (pos >= text.length()) {
        throw error("unterminated string");
      }
      char c = text.charAt(pos++);
      if (c == '"') {
        return out == null ? text.substring(start, pos - 1) : out.toString();
      }
      if (c < 0x20) {
        throw error("control character in string");
      }
      if (c == '\\') {
        if (out == null) {
          out = new StringBuilder(text.substring(start, pos - 1));
        }
        out.append(escape());
      } else if (out != null) {
        out.append(c);
      }
    }
  }

  private char escape() throws Malformed {
    char e = next();
    return switch (e) {
      case '"', '\\', '/' -> e;
      case 'b' -> '\b';
      case 'f' -> '\f';
      case 'n' -> '\n';
      case 'r' -> '\r';
      case 't' -> '\t';
      case 'u' -> unicode();
      default -> throw error("bad escape \\" + e);
    };
  }

  private char unicode() throws Malformed {
    if (pos + 4 > text.length()) {
      throw error("short \\u escape");
    }
    try {
      char c = (char) Integer.parseInt(text.substring(pos, pos + 4), 16);
      pos += 4;
      return c;
    } catch (NumberFormatException e) {
      throw error("bad \\u escape");
    }
  }

  private void skipSpace() {
    while (pos < text.length() && " \t\r\n".indexOf(text.charAt(pos)) >= 0) {
      pos++;
    }
  }

  private char peek() throws Malformed {
    if (pos >= text.length()) {
      throw error("unexpected end");
    }
    return text.charAt(pos);
  }

  private char next() throws Malformed {
    char c = peek();
    pos++;
    return c;
  }

  private void expect(char c) throws Malformed {
    if (next() != c) {
      pos--;
      throw error("expected '" + c + "'");
    }
  }

  private Malformed error(String what) {
    return new Malformed(what + " at offset " + pos);
  }
}
