package dev.modmirror.core.gomod;

import dev.modmirror.core.error.InvalidInputException;

/** A go.mod that does not parse; the message names the file, line and column. */
public final class GoModSyntaxException extends InvalidInputException {
  private static final long serialVersionUID = 1L;
  private final String file;
  private final int line;
  private final int column;

  public GoModSyntaxException(String file, int line, int column, String message) {
    super(file + ":" + line + ":" + column + ": " + message);
    this.file = file;
    this.line = line;
    this.column = column;
  }

  public String file() {
    return file;
  }

  /** 1-based line. */
  public int line() {
    return line;
  }

  /** 1-based column. */
  public int column() {
    return column;
  }
}
