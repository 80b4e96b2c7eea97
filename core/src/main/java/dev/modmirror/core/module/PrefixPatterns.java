package dev.modmirror.core.module;

import java.util.Objects;

/**
 * A comma-separated list of glob patterns matched against module path prefixes, as the go command
 * matches GOPRIVATE, GONOPROXY, GONOSUMDB and GOINSECURE (golang.org/x/mod/module
 * MatchPrefixPatterns).
 *
 * <p>A glob with N slashes is matched, with {@code path.Match} semantics ({@link GlobMatch}),
 * against the first N+1 elements of the path, so {@code corp.example.com} matches {@code
 * corp.example.com/x/y} but {@code *.example.com} does not match {@code example.com}. Empty and
 * malformed globs never match (as in Go); trailing slashes on globs are ignored.
 *
 * @param globs the raw list, possibly empty (then nothing matches)
 */
public record PrefixPatterns(String globs) {

  private static final PrefixPatterns NONE = new PrefixPatterns("");

  public PrefixPatterns {
    Objects.requireNonNull(globs, "globs");
  }

  /** The empty list: matches nothing. */
  public static PrefixPatterns none() {
    return NONE;
  }

  public static PrefixPatterns of(String globs) {
    return globs == null ? NONE : new PrefixPatterns(globs);
  }

  /** True if no glob is configured (the list may still contain only empty entries). */
  public boolean isEmpty() {
    return globs.isEmpty();
  }

  /** Whether some prefix of {@code path} matches one of the globs. */
  public boolean matches(ModulePath path) {
    return matches(globs, path.value());
  }

  /** Whether some prefix of {@code target} matches one of the globs. */
  public boolean matches(String target) {
    return matches(globs, target);
  }

  /**
   * The first glob that matches {@code target}, for recording why a module was treated as private;
   * empty string if none does.
   */
  public String firstMatch(String target) {
    for (String raw : globs.split(",", -1)) {
      if (matchesOne(raw, target)) {
        return raw;
      }
    }
    return "";
  }

  /** MatchPrefixPatterns: whether any prefix of {@code target} matches one of {@code globs}. */
  public static boolean matches(String globs, String target) {
    for (String raw : globs.split(",", -1)) {
      if (matchesOne(raw, target)) {
        return true;
      }
    }
    return false;
  }

  private static boolean matchesOne(String raw, String target) {
    String glob = raw.endsWith("/") ? raw.substring(0, raw.length() - 1) : raw;
    if (glob.isEmpty()) {
      return false;
    }
    String prefix = prefixWithElements(target, count(glob, '/') + 1);
    return prefix != null && GlobMatch.matchesQuietly(glob, prefix);
  }

  /** The first {@code elements} path elements of {@code target}, or null if it has fewer. */
  private static String prefixWithElements(String target, int elements) {
    int slashesToPass = elements - 1;
    for (int i = 0; i < target.length(); i++) {
      if (target.charAt(i) == '/') {
        if (slashesToPass == 0) {
          return target.substring(0, i);
        }
        slashesToPass--;
      }
    }
    return slashesToPass > 0 ? null : target;
  }

  private static int count(String s, char c) {
    int n = 0;
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) == c) {
        n++;
      }
    }
    return n;
  }
}
