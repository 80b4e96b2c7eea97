package dev.modmirror.core.gomod;

import java.util.Optional;

/**
 * The {@code Deprecated:} paragraph of a module comment (x/mod parseDeprecation), without regex.
 */
final class Deprecation {
  private static final String MARK = "Deprecated:";

  private Deprecation() {}

  static Optional<String> of(String comment) {
    int start = 0;
    while (start <= comment.length()) {
      int end = comment.indexOf("\n\n", start);
      String paragraph = comment.substring(start, end < 0 ? comment.length() : end);
      if (paragraph.startsWith(MARK)) {
        int text = MARK.length();
        while (text < paragraph.length() && paragraph.charAt(text) == ' ') {
          text++;
        }
        // x/mod's Deprecated is a string: "Deprecated:" with no text is no deprecation.
        String message = paragraph.substring(text);
        return message.isEmpty() ? Optional.empty() : Optional.of(message);
      }
      if (end < 0) {
        break;
      }
      start = end + 2;
    }
    return Optional.empty();
  }
}
