package dev.modmirror.core.gomod;

/**
 * One go.mod token.
 *
 * @param line 1-based
 * @param column 1-based, in Unicode code points
 */
record Token(TokenKind kind, String text, int line, int column) {
  boolean is(TokenKind k) {
    return kind == k;
  }

  boolean isText(String s) {
    return (kind == TokenKind.IDENT || kind == TokenKind.PUNCT) && text.equals(s);
  }

  /** How the token reads in an error message. */
  String describe() {
    return switch (kind) {
      case NEWLINE -> "newline";
      case EOF -> "end of file";
      case COMMENT, EOL_COMMENT -> "comment";
      default -> "'" + text + "'";
    };
  }
}
