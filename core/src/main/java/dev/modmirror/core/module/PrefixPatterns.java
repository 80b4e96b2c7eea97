package dev.modmirror.core.module;

/**
 * GOPRIVATE / GONOSUMDB / GONOPROXY / GOINSECURE matching, exactly as the go command does it
 * (golang.org/x/mod/module.MatchPrefixPatterns): a comma-separated list of globs, each matched with
 * {@code path.Match} against the leading path elements of the module path, as many elements as the
 * glob has. {@code *.corp.example} therefore matches {@code git.corp.example/a/b}, and {@code
 * github.com/org} matches {@code github.com/org/repo}. Empty globs and trailing slashes are
 * ignored; a malformed glob matches nothing.
 */
public final class PrefixPatterns {
  private PrefixPatterns() {}

  /** True if any glob in {@code globs} matches a prefix of {@code target}. */
  public static boolean matches(String globs, String target) {
    if (globs == null || target == null) {
      return false;
    }
    for (String glob : globs.split(",", -1)) {
      if (glob.endsWith("/")) {
        glob = glob.substring(0, glob.length() - 1);
      }
      if (glob.isEmpty()) {
        continue;
      }
      String prefix = prefix(target, (int) glob.chars().filter(c -> c == '/').count());
      if (prefix != null && GlobMatch.match(glob, prefix)) {
        return true;
      }
    }
    return false;
  }

  /** The first n+1 elements of target, or null if it has fewer. */
  private static String prefix(String target, int slashes) {
    int n = slashes;
    for (int i = 0; i < target.length(); i++) {
      if (target.charAt(i) == '/') {
        if (n == 0) {
          return target.substring(0, i);
        }
        n--;
      }
    }
    return n > 0 ? null : target;
  }
}
