package dev.modmirror.core.module;

/**
 * Go's {@code path.Match}: {@code *} any run of non-slash characters, {@code ?} one non-slash
 * character, {@code [...]} a class with ranges and {@code ^} negation, {@code \} escaping. Works on
 * code points, as Go works on runes. A malformed pattern matches nothing.
 */
final class GlobMatch {
  private GlobMatch() {}

  private static final class BadPattern extends Exception {
    private static final long serialVersionUID = 1L;

    BadPattern() {
      super(null, null, false, false);
    }
  }

  static boolean match(String pattern, String name) {
    try {
      return match(pattern.codePoints().toArray(), name.codePoints().toArray());
    } catch (BadPattern e) {
      return false;
    }
  }

  private static boolean match(int[] pat, int[] name) throws BadPattern {
    int p = 0;
    int s = 0;
    outer:
    while (p < pat.length) {
      boolean star = false;
      while (p < pat.length && pat[p] == '*') {
        p++;
        star = true;
      }
      int chunkEnd = scanChunk(pat, p);
      if (star && p == chunkEnd) {
        return indexOf(name, s, '/') < 0;
      }
      int t = matchChunk(pat, p, chunkEnd, name, s);
      if (t >= 0 && (t == name.length || chunkEnd < pat.length)) {
        s = t;
        p = chunkEnd;
        continue;
      }
      if (star) {
        for (int i = s; i < name.length && name[i] != '/'; i++) {
          t = matchChunk(pat, p, chunkEnd, name, i + 1);
          if (t >= 0) {
            if (chunkEnd == pat.length && t < name.length) {
              continue;
            }
            s = t;
            p = chunkEnd;
            continue outer;
          }
        }
      }
      // Go reports a bad pattern even after a failed match: check the rest's syntax.
      for (p = chunkEnd; p < pat.length; ) {
        while (p < pat.length && pat[p] == '*') {
          p++;
        }
        int end = scanChunk(pat, p);
        matchChunk(pat, p, end, new int[0], 0);
        p = end;
      }
      return false;
    }
    return s == name.length;
  }

  private static int scanChunk(int[] pat, int from) {
    boolean inRange = false;
    int i = from;
    for (; i < pat.length; i++) {
      int c = pat[i];
      if (c == '\\') {
        if (i + 1 < pat.length) {
          i++;
        }
      } else if (c == '[') {
        inRange = true;
      } else if (c == ']') {
        inRange = false;
      } else if (c == '*' && !inRange) {
        break;
      }
    }
    return i;
  }

  /** Matches pat[p, end) at name[s]; the index after the match, or -1. */
  private static int matchChunk(int[] pat, int p, int end, int[] name, int s) throws BadPattern {
    boolean failed = false;
    while (p < end) {
      if (!failed && s >= name.length) {
        failed = true;
      }
      int c = pat[p];
      if (c == '[') {
        int r = failed ? -1 : name[s++];
        p++;
        boolean negated = p < end && pat[p] == '^';
        if (negated) {
          p++;
        }
        boolean match = false;
        int nrange = 0;
        while (true) {
          if (p < end && pat[p] == ']' && nrange > 0) {
            p++;
            break;
          }
          int[] lo = escaped(pat, p, end);
          int[] hi = lo;
          p = lo[1];
          if (pat[p] == '-') {
            hi = escaped(pat, p + 1, end);
            p = hi[1];
          }
          if (lo[0] <= r && r <= hi[0]) {
            match = true;
          }
          nrange++;
        }
        if (match == negated) {
          failed = true;
        }
      } else if (c == '?') {
        if (!failed) {
          failed = name[s] == '/';
          s++;
        }
        p++;
      } else {
        if (c == '\\') {
          p++;
          if (p >= end) {
            throw new BadPattern();
          }
        }
        if (!failed) {
          failed = pat[p] != name[s];
          s++;
        }
        p++;
      }
    }
    return failed ? -1 : s;
  }

  /** {code point, next index} of a class character, handling {@code \}. */
  private static int[] escaped(int[] pat, int p, int end) throws BadPattern {
    if (p >= end || pat[p] == '-' || pat[p] == ']') {
      throw new BadPattern();
    }
    if (pat[p] == '\\') {
      p++;
      if (p >= end) {
        throw new BadPattern();
      }
    }
    int r = pat[p];
    if (p + 1 >= end) {
      throw new BadPattern();
    }
    return new int[] {r, p + 1};
  }

  private static int indexOf(int[] a, int from, int v) {
    for (int i = from; i < a.length; i++) {
      if (a[i] == v) {
        return i;
      }
    }
    return -1;
  }
}
