package dev.modmirror.core.error;

/**
 * How a value from outside appears in an error message: whole when short, otherwise cut and marked
 * with {@code …}. Counted in code points, so a cut never splits a surrogate pair (cutting at a
 * {@code char} or byte count once turned a refusal into a {@code StringIndexOutOfBoundsException},
 * docs/fuzzing.md).
 */
public final class Shown {
  private Shown() {}

  /** {@code text} if it has at most {@code max} code points, else its first {@code max} and "…". */
  public static String clipped(String text, int max) {
    if (text.codePointCount(0, text.length()) <= max) {
      return text;
    }
    return text.substring(0, text.offsetByCodePoints(0, max)) + "…";
  }

  /**
   * {@code text} if it has at most {@code width} code points, else its first {@code width - 1} and
   * "…": a column of a table never grows past its width.
   */
  public static String fitted(String text, int width) {
    if (width < 1) {
      throw new IllegalArgumentException("a width is at least 1, got " + width);
    }
    return text.codePointCount(0, text.length()) <= width ? text : clipped(text, width - 1);
  }
}
