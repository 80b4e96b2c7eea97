package dev.modmirror.core.module;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * A small JSON reader with Go's encoding/json (v1) semantics, for the few Go-shaped documents core
 * reads (core has no JSON library on purpose). {@link #parse} is {@code checkValid}: strict JSON
 * syntax, nesting at most 10,000 deep, only whitespace after the value; strings keep invalid UTF-8
 * (decoded later to U+FFFD as Go does) and control characters are refused. Values come back as a
 * small tree: {@link Obj} keeps members in order (duplicates included), {@link Str} keeps both the
 * raw bytes between its quotes (what {@code time.Time.UnmarshalJSON} sees) and the decoded text.
 */
final class GoJson {
  private static final int MAX_DEPTH = 10_000;

  /** A JSON value. */
  sealed interface Value permits Obj, Str, Other {}

  /** An object's members, in document order. */
  record Obj(List<Member> members) implements Value {}

  /** One {@code "key": value} member; {@code key} is decoded. */
  record Member(String key, Value value) {}

  /** A string: its raw bytes between the quotes and its decoded text. */
  record Str(byte[] raw, String text) implements Value {}

  /** Any other value: {@code null}, a number, a boolean or an array. */
  record Other(boolean isNull) implements Value {}

  /** Thrown for invalid JSON. */
  static final class SyntaxError extends Exception {
    private static final long serialVersionUID = 1L;

    SyntaxError(String message) {
      super(message);
    }
  }

  private final byte[] b;
  private int i;

  private GoJson(byte[] b) {
    this.b = b;
  }

  static Value parse(byte[] json) throws SyntaxError {
    GoJson p = new GoJson(json);
    p.space();
    Value v = p.value();
    p.space();
    if (p.i != json.length) {
      throw new SyntaxError("invalid character after top-level value");
    }
    return v;
  }

  /** An array or object not yet closed; an array keeps none of its elements. */
  private static final class Open {
    final boolean object;
    final List<Member> members = new ArrayList<>();
    String key;

    Open(boolean object) {
      this.object = object;
    }

    Value value() {
      return object ? new Obj(members) : new Other(false);
    }
  }

  /**
   * Reads one value. Open containers are kept on a stack of our own rather than by recursion: a
   * document 10,000 deep (as deep as Go reads) would overflow a thread's stack, and an upstream's
   * .info must never end in an {@link Error}.
   */
  private Value value() throws SyntaxError {
    Deque<Open> open = new ArrayDeque<>();
    while (true) {
      if (i >= b.length) {
        throw new SyntaxError("unexpected end of JSON input");
      }
      Value v;
      int c = b[i];
      if (c == '{' || c == '[') {
        if (open.size() >= MAX_DEPTH) {
          throw new SyntaxError("exceeded max depth");
        }
        i++;
        Open o = new Open(c == '{');
        space();
        if (peek() != (o.object ? '}' : ']')) {
          open.push(o);
          if (o.object) {
            o.key = key();
          }
          continue;
        }
        i++;
        v = o.value();
      } else {
        v = scalar(c);
      }
      // v is complete: it ends every container whose closing bracket follows it.
      while (true) {
        Open o = open.peek();
        if (o == null) {
          return v;
        }
        if (o.object) {
          o.members.add(new Member(o.key, v));
        }
        space();
        int next = next();
        if (next == (o.object ? '}' : ']')) {
          open.pop();
          v = o.value();
          continue;
        }
        if (next != ',') {
          throw new SyntaxError(
              o.object
                  ? "invalid character after object key:value pair"
                  : "invalid character after array element");
        }
        space();
        if (o.object) {
          o.key = key();
        }
        break;
      }
    }
  }

  /** An object's {@code "key":} and the whitespace after it; the decoded key. */
  private String key() throws SyntaxError {
    if (peek() != '"') {
      throw new SyntaxError("invalid character looking for beginning of object key string");
    }
    Str key = string();
    space();
    expect(':');
    space();
    return key.text();
  }

  private Value scalar(int c) throws SyntaxError {
    switch (c) {
      case '"':
        return string();
      case 't':
        return literal("true");
      case 'f':
        return literal("false");
      case 'n':
        return literal("null");
      default:
        number();
        return new Other(false);
    }
  }

  private Str string() throws SyntaxError {
    int start = ++i;
    ByteArrayOutputStream decoded = new ByteArrayOutputStream();
    StringBuilder text = new StringBuilder();
    while (true) {
      int c = next();
      if (c < 0) {
        throw new SyntaxError("unexpected end of JSON input");
      }
      if (c == '"') {
        flush(decoded, text);
        byte[] raw = java.util.Arrays.copyOfRange(b, start, i - 1);
        return new Str(raw, text.toString());
      }
      if (c < 0x20) {
        throw new SyntaxError("invalid character in string literal");
      }
      if (c != '\\') {
        decoded.write(c);
        continue;
      }
      int e = next();
      switch (e) {
        case '"', '\\', '/' -> decoded.write(e);
        case 'b' -> decoded.write('\b');
        case 'f' -> decoded.write('\f');
        case 'n' -> decoded.write('\n');
        case 'r' -> decoded.write('\r');
        case 't' -> decoded.write('\t');
        case 'u' -> {
          flush(decoded, text);
          int r = hex4();
          if (Character.isSurrogate((char) r)) {
            int save = i;
            int low = -1;
            if (i + 1 < b.length && b[i] == '\\' && b[i + 1] == 'u') {
              i += 2;
              low = hex4();
            }
            if (Character.isHighSurrogate((char) r)
                && low >= 0
                && Character.isLowSurrogate((char) low)) {
              text.appendCodePoint(Character.toCodePoint((char) r, (char) low));
              continue;
            }
            // Go: an invalid pair is one U+FFFD, and the second escape is read on its own.
            i = save;
            r = 0xFFFD;
          }
          text.appendCodePoint(r);
        }
        default -> throw new SyntaxError("invalid character in string escape code");
      }
    }
  }

  private int hex4() throws SyntaxError {
    if (i + 4 > b.length) {
      throw new SyntaxError("unexpected end of JSON input");
    }
    int r = 0;
    for (int k = 0; k < 4; k++) {
      int d = Character.digit(b[i++], 16);
      if (d < 0 || b[i - 1] < 0) {
        throw new SyntaxError("invalid character in \\u hexadecimal character escape");
      }
      r = r << 4 | d;
    }
    return r;
  }

  /** Appends pending raw bytes as Go's {@code utf8.DecodeRune} reads them (bad bytes: U+FFFD). */
  private static void flush(ByteArrayOutputStream pending, StringBuilder text) {
    byte[] s = pending.toByteArray();
    pending.reset();
    int k = 0;
    while (k < s.length) {
      int[] r = GoUtf8.decodeRune(s, k);
      text.appendCodePoint(r[0]);
      k += r[1];
    }
  }

  private void number() throws SyntaxError {
    if (peek() == '-') {
      i++;
    }
    if (peek() == '0') {
      i++;
    } else if (digit()) {
      while (digit()) {
        i++;
      }
    } else {
      throw new SyntaxError("invalid character looking for beginning of value");
    }
    if (peek() == '.') {
      i++;
      if (!digit()) {
        throw new SyntaxError("invalid character after decimal point in numeric literal");
      }
      while (digit()) {
        i++;
      }
    }
    if (peek() == 'e' || peek() == 'E') {
      i++;
      if (peek() == '+' || peek() == '-') {
        i++;
      }
      if (!digit()) {
        throw new SyntaxError("invalid character in exponent of numeric literal");
      }
      while (digit()) {
        i++;
      }
    }
  }

  private boolean digit() {
    return i < b.length && b[i] >= '0' && b[i] <= '9';
  }

  private Value literal(String word) throws SyntaxError {
    byte[] w = word.getBytes(StandardCharsets.US_ASCII);
    for (byte c : w) {
      if (next() != c) {
        throw new SyntaxError("invalid character in literal " + word);
      }
    }
    return new Other(word.equals("null"));
  }

  private void expect(char c) throws SyntaxError {
    if (next() != c) {
      throw new SyntaxError("invalid character, expected '" + c + "'");
    }
  }

  private void space() {
    while (i < b.length && (b[i] == ' ' || b[i] == '\t' || b[i] == '\n' || b[i] == '\r')) {
      i++;
    }
  }

  private int peek() {
    return i < b.length ? b[i] & 0xff : -1;
  }

  private int next() {
    return i < b.length ? b[i++] & 0xff : -1;
  }
}
