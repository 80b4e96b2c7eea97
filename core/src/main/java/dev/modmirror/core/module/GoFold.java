package dev.modmirror.core.module;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Unicode simple case folding with Go's tables, not the JDK's: Go 1.26 folds by Unicode 15 and Java
 * 17 by Unicode 13, so a collision check built on {@link Character} would disagree with the go
 * command on a few pairs. The data ({@code go-fold.txt}) is generated from Go's {@code unicode}
 * package by the Go oracle, with the Unicode version it came from; a test regenerates and compares.
 */
public final class GoFold {
  private static final String RESOURCE = "go-fold.txt";
  private static final Map<Integer, Integer> SMALLEST = new HashMap<>();
  private static final String UNICODE_VERSION;

  static {
    String version = null;
    try (InputStream in = GoFold.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the classpath");
      }
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII));
      for (String line; (line = r.readLine()) != null; ) {
        if (line.startsWith("# unicode ")) {
          version = line.substring("# unicode ".length());
        } else if (!line.startsWith("#") && !line.isEmpty()) {
          int space = line.indexOf(' ');
          SMALLEST.put(
              Integer.parseInt(line, 0, space, 16),
              Integer.parseInt(line, space + 1, line.length(), 16));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    UNICODE_VERSION = version;
  }

  private GoFold() {}

  /** The Unicode version of the tables, e.g. {@code 15.0.0}. */
  public static String unicodeVersion() {
    return UNICODE_VERSION;
  }

  /**
   * The smallest rune of {@code cp}'s {@code unicode.SimpleFold} orbit (encoding/json's {@code
   * foldRune}); {@code cp} itself when it folds to nothing smaller.
   */
  public static int smallest(int cp) {
    return SMALLEST.getOrDefault(cp, cp);
  }

  /**
   * x/mod/zip's {@code strToFold}: two paths collide iff their keys are equal. Each rune becomes
   * the smallest of its orbit, then A-Z become a-z.
   */
  public static String zipKey(String s) {
    StringBuilder out = new StringBuilder(s.length());
    s.codePoints()
        .forEach(
            cp -> {
              int f = smallest(cp);
              out.appendCodePoint(f >= 'A' && f <= 'Z' ? f + ('a' - 'A') : f);
            });
    return out.toString();
  }
}
