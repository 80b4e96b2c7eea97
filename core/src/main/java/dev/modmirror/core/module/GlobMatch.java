package dev.modmirror.core.module;

import dev.modmirror.core.error.InvalidInputException;

/**
 * Go's {@code path.Match}: shell-style globs where {@code *} and {@code ?} never match {@code /},
 * {@code [...]} is a character class (with {@code ^} negation and {@code a-z} ranges) and {@code \}
 * escapes. Ported line by line so that patterns from GOPRIVATE and friends mean what they mean to
 * the go command, including which patterns count as malformed.
 */
public final class GlobMatch {
  private GlobMatch() {}

  /**
   * Whether {@code name} matches {@code pattern} as a whole.
   *
   * @throws InvalidInputException if the pattern is malformed (Go's {@code ErrBadPattern}), when Go
   *     would report it for this name
   */
  public static boolean matches(String pattern, String name) {
    try {
      return match(pattern, name);
    } catch (BadPattern e) {
      throw new InvalidInputException("syntax error in pattern: " + pattern);
    }
  }

  /** As {@link #matches}, but a malformed pattern simply does not match (Go ignores the error). */
  public static boolean matchesQuietly(String pattern, String name) {
    try {
      return match(pattern, name);
    } catch (BadPattern e) {
      return false;
    }
  }

  private static boolean match(String pattern, String name) throws BadPattern {
    outer:
    while (!pattern.isEmpty()) {
      Chunk c = scanChunk(pattern);
      pattern = c.rest;
      if (c.star && c.chunk.isEmpty()) {
        // A trailing * matches the rest of the name unless it crosses a slash.
        return name.indexOf('/') < 0;
      }
      String t = matchChunk(c.chunk, name);
      // The last chunk must consume the whole name, or the star may still do better.
      if (t != null && (t.isEmpty() || !pattern.isEmpty())) {
        name = t;
        continue;
      }
      if (c.star) {
        for (int i = 0; i < name.length() && name.charAt(i) != '/'; i++) {
          String rest = matchChunk(c.chunk, name.substring(i + 1));
          if (rest != null) {
            if (pattern.isEmpty() && !rest.isEmpty()) {
              continue;
            }
            name = rest;
            continue outer;
          }
        }
      }
      // Go still reports a malformed remainder of the pattern before answering false.
      while (!pattern.isEmpty()) {
        Chunk more = scanChunk(pattern);
        pattern = more.rest;
        matchChunk(more.chunk, "");
      }
      return false;
    }
    return name.isEmpty();
  }

  private record Chunk(boolean star, String chunk, String rest) {}

  private static Chunk scanChunk(String pattern) {
    int start = 0;
    while (start < pattern.length() && pattern.charAt(start) == '*') {
      start++;
    }
    boolean inRange = false;
    int i = start;
    scan:
    for (; i < pattern.length(); i++) {
      switch (pattern.charAt(i)) {
        case '\\':
          if (i + 1 < pattern.length()) {
            i++;
          }
          break;
        case '[':
          inRange = true;
          break;
        case ']':
          inRange = false;
          break;
        case '*':
          if (!inRange) {
            break scan;
          }
          break;
        default:
          break;
      }
    }
    return new Chunk(start > 0, pattern.substring(start, i), pattern.substring(i));
  }

  /** Matches {@code chunk} at the start of {@code s}; the unmatched rest of s, or null. */
  private static String matchChunk(String chunk, String s) throws BadPattern {
    // After a failure the loop goes on over the chunk only to check that it is well formed.
    boolean failed = false;
    int ci = 0;
    int si = 0;
    while (ci < chunk.length()) {
      if (!failed && si >= s.length()) {
        failed = true;
      }
      char ch = chunk.charAt(ci);
      if (ch == '[') {
        int r = -1;
        if (!failed) {
          r = s.codePointAt(si);
          si += Character.charCount(r);
        }
        ClassResult cls = matchClass(chunk, ci + 1, r);
        ci = cls.next;
        failed |= !cls.matched;
      } else if (ch == '?') {
        if (!failed) {
          if (s.charAt(si) == '/') {
            failed = true;
          }
          si += Character.charCount(s.codePointAt(si));
        }
        ci++;
      } else {
        if (ch == '\\') {
          ci++;
          if (ci >= chunk.length()) {
            throw new BadPattern();
          }
        }
        if (!failed) {
          if (chunk.charAt(ci) != s.charAt(si)) {
            failed = true;
          }
          si++;
        }
        ci++;
      }
    }
    return failed ? null : s.substring(si);
  }

  private record ClassResult(boolean matched, int next) {}

  /** Parses a class starting after its {@code [} and tests rune {@code r} (-1: none) against it. */
  private static ClassResult matchClass(String chunk, int ci, int r) throws BadPattern {
    boolean negated = false;
    if (ci < chunk.length() && chunk.charAt(ci) == '^') {
      negated = true;
      ci++;
    }
    boolean match = false;
    int ranges = 0;
    while (true) {
      if (ci < chunk.length() && chunk.charAt(ci) == ']' && ranges > 0) {
        ci++;
        break;
      }
      int[] lo = getEsc(chunk, ci);
      int[] hi = lo;
      ci = lo[1];
      if (chunk.charAt(ci) == '-') {
        hi = getEsc(chunk, ci + 1);
        ci = hi[1];
      }
      if (lo[0] <= r && r <= hi[0]) {
        match = true;
      }
      ranges++;
    }
    return new ClassResult(match != negated, ci);
  }

  /** One possibly escaped rune of a class: {rune, index after it}. */
  private static int[] getEsc(String chunk, int i) throws BadPattern {
    if (i >= chunk.length() || chunk.charAt(i) == '-' || chunk.charAt(i) == ']') {
      throw new BadPattern();
    }
    if (chunk.charAt(i) == '\\') {
      i++;
      if (i >= chunk.length()) {
        throw new BadPattern();
      }
    }
    int r = chunk.codePointAt(i);
    int next = i + Character.charCount(r);
    if (next >= chunk.length()) {
      throw new BadPattern();
    }
    return new int[] {r, next};
  }

  /** Go's ErrBadPattern; checked so that no caller forgets it. */
  private static final class BadPattern extends Exception {
    private static final long serialVersionUID = 1L;

    BadPattern() {
      super(null, null, false, false);
    }
  }
}
