package dev.modmirror.core.gomod;

import dev.modmirror.core.module.GoQuote;

/**
 * Splits go.mod text into tokens, one call of {@link #next} at a time, as x/mod modfile does. Each
 * character is read once; {@link #work} counts characters and tokens so that tests can check that
 * parsing is linear without timing it.
 */
final class GoModLexer {
  private final String file;
  private final String text;
  private int pos;
  private int line = 1;
  private int column = 1;
  private boolean tokenOnLine;
  private long work;

  GoModLexer(String file, String text) {
    this.file = file;
    this.text = text;
  }

  /** Characters read plus tokens produced so far. */
  long work() {
    return work;
  }

  /**
   * @throws GoModSyntaxException on a {@code /*} comment, an unterminated string or a character
   *     that cannot start a token
   */
  Token next() {
    skipBlanks();
    work++;
    int startLine = line;
    int startCol = column;
    int start = pos;
    if (pos == text.length()) {
      return new Token(TokenKind.EOF, "", startLine, startCol);
    }
    char c = text.charAt(pos);
    if (startsWith("//")) {
      while (pos < text.length() && text.charAt(pos) != '\n') {
        advance();
      }
      TokenKind kind = tokenOnLine ? TokenKind.EOL_COMMENT : TokenKind.COMMENT;
      return new Token(kind, text.substring(start, pos), startLine, startCol);
    }
    TokenKind kind = single(c);
    if (kind != null) {
      advance();
      tokenOnLine = kind != TokenKind.NEWLINE;
      return new Token(kind, String.valueOf(c), startLine, startCol);
    }
    tokenOnLine = true;
    if (c == '"' || c == '`') {
      readString(c, startLine, startCol);
      return new Token(TokenKind.STRING, text.substring(start, pos), startLine, startCol);
    }
    if (!isIdent(text.codePointAt(pos))) {
      throw error(startLine, startCol, "unexpected input character " + quoteChar(pos));
    }
    while (pos < text.length() && isIdent(text.codePointAt(pos)) && !startsWith("//")) {
      if (startsWith("/*")) {
        throw error(line, column, "mod files must use // comments (not /* */ comments)");
      }
      advance();
    }
    return new Token(TokenKind.IDENT, text.substring(start, pos), startLine, startCol);
  }

  private void skipBlanks() {
    while (pos < text.length()) {
      char c = text.charAt(pos);
      if (c == ' ' || c == '\t' || c == '\r') {
        advance();
      } else if (startsWith("/*")) {
        throw error(line, column, "mod files must use // comments (not /* */ comments)");
      } else {
        return;
      }
    }
  }

  private void readString(char quote, int startLine, int startCol) {
    advance();
    while (true) {
      if (pos == text.length()) {
        throw error(startLine, startCol, "unexpected EOF in string");
      }
      char c = text.charAt(pos);
      if (c == '\n') {
        throw error(line, column, "unexpected newline in string");
      }
      advance();
      if (c == quote) {
        return;
      }
      if (c == '\\' && quote == '"') {
        if (pos == text.length()) {
          throw error(startLine, startCol, "unexpected EOF in string");
        }
        // As x/mod: the escaped character is taken whatever it is, a newline too; unquoting then
        // refuses the string ("invalid quoted string: invalid syntax").
        advance();
      }
    }
  }

  private static TokenKind single(char c) {
    return switch (c) {
      case '\n' -> TokenKind.NEWLINE;
      case '(' -> TokenKind.LPAREN;
      case ')' -> TokenKind.RPAREN;
      case '[', ']', '{', '}', ',' -> TokenKind.PUNCT;
      default -> null;
    };
  }

  /** x/mod isIdent: printable, not a space, not punctuation that has a meaning. */
  private static boolean isIdent(int c) {
    return switch (c) {
      case ' ', '(', ')', '[', ']', '{', '}', ',' -> false;
      default -> !Character.isWhitespace(c) && !Character.isSpaceChar(c) && GoQuote.isPrint(c);
    };
  }

  private boolean startsWith(String s) {
    return text.startsWith(s, pos);
  }

  private void advance() {
    int cp = text.codePointAt(pos);
    pos += Character.charCount(cp);
    work++;
    if (cp == '\n') {
      line++;
      column = 1;
    } else {
      column++;
    }
  }

  private String quoteChar(int at) {
    return GoQuote.rune(text.codePointAt(at));
  }

  private GoModSyntaxException error(int atLine, int atColumn, String message) {
    return new GoModSyntaxException(file, atLine, atColumn, message);
  }
}
