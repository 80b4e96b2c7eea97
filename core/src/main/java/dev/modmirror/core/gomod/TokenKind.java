package dev.modmirror.core.gomod;

/** Kinds of go.mod tokens (x/mod modfile's lexer). */
enum TokenKind {
  /** A bare word: any run of printable, non-space characters other than the punctuation below. */
  IDENT,
  /** A {@code "interpreted"} or {@code `raw`} string, quotes included. */
  STRING,
  LPAREN,
  RPAREN,
  /** {@code [ ] { } ,}: single-character punctuation, used by retract intervals. */
  PUNCT,
  NEWLINE,
  /** A {@code //} comment alone on its line. */
  COMMENT,
  /** A {@code //} comment after other tokens on its line. */
  EOL_COMMENT,
  EOF
}
