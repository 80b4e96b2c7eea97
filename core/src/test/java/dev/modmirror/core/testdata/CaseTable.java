package dev.modmirror.core.testdata;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.provider.Arguments;

/**
 * A table of test cases in a text file, one case per line:
 *
 * <pre>
 * # a comment; blank lines are skipped too
 * arg1  "arg 2"  =&gt;  the expected outcome, to the end of the line
 * </pre>
 *
 * <p>Arguments are separated by spaces or tabs. An argument with spaces, quotes or characters that
 * cannot be typed is written in double quotes with the escapes {@code \\ \" \n \r \t}, {@code \xHH}
 * (the character U+00HH), <code>&#92;uHHHH</code> (one UTF-16 unit, so a lone surrogate can be
 * written) and {@code \UHHHHHHHH} (a code point). A bare {@code ""} is the empty string. The
 * outcome after {@code =>} is taken verbatim (trimmed), or unquoted when the whole of it is one
 * quoted string. Malformed lines fail the reading, naming file and line: a table cannot lose a case
 * silently.
 */
public final class CaseTable {
  /**
   * One case.
   *
   * @param where {@code file:line}, for failure messages
   * @param args the arguments before {@code =>}
   * @param want the outcome after {@code =>}; null when the line has no arrow
   */
  public record Row(String where, List<String> args, String want) {
    /** The i-th argument. */
    public String arg(int i) {
      if (i >= args.size()) {
        throw new IllegalArgumentException(where + ": needs at least " + (i + 1) + " arguments");
      }
      return args.get(i);
    }

    /** The outcome; fails when the line has none. */
    public String want() {
      if (want == null) {
        throw new IllegalArgumentException(where + ": no '=>' outcome");
      }
      return want;
    }

    @Override
    public String toString() {
      return where + " " + args + (want == null ? "" : " => " + want);
    }
  }

  private CaseTable() {}

  /**
   * Reads the resource {@code name} next to {@code anchor}'s package.
   *
   * @throws IllegalStateException if the file is missing, has no case, or a line is malformed
   */
  public static List<Row> read(Class<?> anchor, String name) {
    return parse(name, Resources.text(anchor, name));
  }

  /** The rows as named JUnit arguments ({@code file:line args}), for a {@code @MethodSource}. */
  public static Stream<Arguments> arguments(Class<?> anchor, String name) {
    return read(anchor, name).stream().map(r -> Arguments.of(Named.of(r.toString(), r)));
  }

  /** Parses table text; {@code file} names it in {@link Row#where()} and errors. */
  public static List<Row> parse(String file, String text) {
    List<Row> rows = new ArrayList<>();
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String where = file + ":" + (i + 1);
      rows.add(parseLine(where, line));
    }
    if (rows.isEmpty()) {
      throw new IllegalStateException(file + ": no cases");
    }
    return List.copyOf(rows);
  }

  private static Row parseLine(String where, String line) {
    List<String> args = new ArrayList<>();
    int i = 0;
    while (i < line.length()) {
      char c = line.charAt(i);
      if (c == ' ' || c == '\t') {
        i++;
      } else if (line.startsWith("=>", i) && (i + 2 == line.length() || isBlank(line, i + 2))) {
        String want = line.substring(i + 2).strip();
        return new Row(where, List.copyOf(args), isQuoted(want) ? unquote(where, want) : want);
      } else if (c == '"') {
        int end = closingQuote(where, line, i);
        args.add(unquote(where, line.substring(i, end + 1)));
        i = end + 1;
        if (i < line.length() && !isBlank(line, i)) {
          throw new IllegalStateException(where + ": text right after a closing quote");
        }
      } else {
        int end = i;
        while (end < line.length() && !isBlank(line, end)) {
          end++;
        }
        String word = line.substring(i, end);
        if (word.indexOf('"') >= 0) {
          throw new IllegalStateException(where + ": quote inside a bare argument: " + word);
        }
        args.add(word);
        i = end;
      }
    }
    return new Row(where, List.copyOf(args), null);
  }

  private static boolean isBlank(String s, int i) {
    return s.charAt(i) == ' ' || s.charAt(i) == '\t';
  }

  private static boolean isQuoted(String s) {
    if (s.length() < 2 || s.charAt(0) != '"') {
      return false;
    }
    try {
      return closingQuote("", s, 0) == s.length() - 1;
    } catch (IllegalStateException e) {
      return false;
    }
  }

  private static int closingQuote(String where, String s, int open) {
    for (int i = open + 1; i < s.length(); i++) {
      if (s.charAt(i) == '\\') {
        i++;
      } else if (s.charAt(i) == '"') {
        return i;
      }
    }
    throw new IllegalStateException(where + ": unterminated quoted argument");
  }

  /** Unquotes {@code "…"} with the escapes listed in the class comment. */
  static String unquote(String where, String quoted) {
    StringBuilder out = new StringBuilder(quoted.length());
    for (int i = 1; i < quoted.length() - 1; i++) {
      char c = quoted.charAt(i);
      if (c != '\\') {
        out.append(c);
        continue;
      }
      char e = quoted.charAt(++i);
      switch (e) {
        case '\\', '"' -> out.append(e);
        case 'n' -> out.append('\n');
        case 'r' -> out.append('\r');
        case 't' -> out.append('\t');
        case 'x' -> {
          out.append((char) hex(where, quoted, i + 1, 2));
          i += 2;
        }
        case 'u' -> {
          out.append((char) hex(where, quoted, i + 1, 4));
          i += 4;
        }
        case 'U' -> {
          out.appendCodePoint(hex(where, quoted, i + 1, 8));
          i += 8;
        }
        default -> throw new IllegalStateException(where + ": unknown escape \\" + e);
      }
    }
    return out.toString();
  }

  private static int hex(String where, String s, int from, int n) {
    if (from + n > s.length() - 1) {
      throw new IllegalStateException(where + ": short escape in " + s);
    }
    try {
      return Integer.parseInt(s.substring(from, from + n), 16);
    } catch (NumberFormatException e) {
      throw new IllegalStateException(where + ": bad escape in " + s, e);
    }
  }

  /** Reads resources as UTF-8 text. */
  static final class Resources {
    private Resources() {}

    static String text(Class<?> anchor, String name) {
      try (InputStream in = anchor.getResourceAsStream(name)) {
        if (in == null) {
          throw new IllegalStateException(
              "missing test resource " + name + " next to " + anchor.getName());
        }
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
