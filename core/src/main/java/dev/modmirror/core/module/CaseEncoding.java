package dev.modmirror.core.module;

/** The {@code !}-for-upper-case encoding of paths and versions (x/mod escapeString). */
final class CaseEncoding {
  private CaseEncoding() {}

  /** Encodes a string already checked to be ASCII without {@code !}. */
  static String escape(String s) {
    StringBuilder out = null;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c >= 'A' && c <= 'Z') {
        if (out == null) {
          out = new StringBuilder(s.length() + 8).append(s, 0, i);
        }
        out.append('!').append((char) (c + ('a' - 'A')));
      } else if (out != null) {
        out.append(c);
      }
    }
    return out == null ? s : out.toString();
  }

  /**
   * Decodes, or returns null for a malformed encoding: a non-ASCII or upper-case character, or a
   * {@code !} not followed by a lower-case letter.
   */
  static String unescape(String escaped) {
    if (escaped == null) {
      return null;
    }
    StringBuilder out = new StringBuilder(escaped.length());
    boolean bang = false;
    for (int i = 0; i < escaped.length(); i++) {
      char c = escaped.charAt(i);
      if (c >= 0x80) {
        return null;
      }
      if (bang) {
        bang = false;
        if (c < 'a' || c > 'z') {
          return null;
        }
        out.append((char) (c - ('a' - 'A')));
      } else if (c == '!') {
        bang = true;
      } else if (c >= 'A' && c <= 'Z') {
        return null;
      } else {
        out.append(c);
      }
    }
    return bang ? null : out.toString();
  }
}
