package dev.modmirror.core.gomod;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The line and block structure of go.mod (x/mod modfile parse): statements are lines, a block is
 * {@code verb (} at the end of a line, its lines, and {@code )} alone on a line. Iterative with one
 * token of look-ahead, so input depth cannot exhaust the stack.
 */
final class GoModStructure {
  /** The verbs that have a block form in go.mod (x/mod parseToFile). */
  static final Set<String> GO_MOD_BLOCKS =
      Set.of("module", "godebug", "require", "exclude", "replace", "retract", "tool", "ignore");

  /** The verbs that have a block form in go.work (x/mod ParseWork). */
  static final Set<String> GO_WORK_BLOCKS = Set.of("godebug", "use", "replace");

  private final GoModLexer lexer;
  private final String file;
  private final Set<String> blockVerbs;
  private final boolean strict;
  private Token peeked;

  /**
   * @param blockVerbs the verbs that may open a block; another verb's block is an error when {@code
   *     strict}, else skipped whole (x/mod ParseLax, for dependencies' go.mod files)
   */
  GoModStructure(String file, GoModLexer lexer, Set<String> blockVerbs, boolean strict) {
    this.file = file;
    this.lexer = lexer;
    this.blockVerbs = blockVerbs;
    this.strict = strict;
  }

  /** Feeds every directive line to {@code sink}, in order. */
  void parse(Consumer<SyntaxLine> sink) {
    List<String> comments = new ArrayList<>();
    while (true) {
      Token t = next();
      switch (t.kind()) {
        case EOF -> {
          return;
        }
        case NEWLINE -> comments.clear();
        case COMMENT -> {
          comments.add(SyntaxLine.commentText(t));
          skipNewline();
        }
        case IDENT -> {
          statement(t, List.copyOf(comments), sink);
          comments.clear();
        }
        default -> throw error(t, "unexpected " + t.describe() + ": expected a directive name");
      }
    }
  }

  private void statement(Token verb, List<String> before, Consumer<SyntaxLine> sink) {
    if (peek().is(TokenKind.LPAREN)) {
      next();
      if (blockVerbs.contains(verb.text())) {
        block(verb, before, sink);
      } else if (strict) {
        // Even an empty block: x/mod refuses "go (" and "toolchain (" before reading their lines.
        throw error(verb, "unknown block type: " + verb.text());
      } else {
        block(verb, before, ignored -> {});
      }
      return;
    }
    List<Token> args = new ArrayList<>();
    String suffix = readLine(args, false);
    sink.accept(new SyntaxLine(verb, args, verb, before, suffix, ""));
  }

  private void block(Token verb, List<String> before, Consumer<SyntaxLine> sink) {
    if (peek().is(TokenKind.RPAREN)) {
      next();
      endOfLine("')'");
      return;
    }
    List<String> blockComments = new ArrayList<>(before);
    String open =
        endOfLine("'(' (a block opens with '" + verb.text() + " (' at the end of a line)");
    if (open != null) {
      blockComments.add(open);
    }
    // Joined once: every line of the block may fall back to it, and copying it per line would
    // make a long comment above a long block quadratic.
    String blockComment = String.join("\n", blockComments);
    List<String> comments = new ArrayList<>();
    while (true) {
      Token t = next();
      switch (t.kind()) {
        case EOF ->
            throw error(
                t,
                "unexpected end of file: block started at "
                    + verb.line()
                    + ":"
                    + verb.column()
                    + " has no ')'");
        case NEWLINE -> comments.clear();
        case COMMENT -> {
          comments.add(SyntaxLine.commentText(t));
          skipNewline();
        }
        case RPAREN -> {
          endOfLine("')'");
          return;
        }
        case LPAREN -> throw error(t, "unexpected '(': blocks do not nest");
        default -> {
          List<Token> args = new ArrayList<>();
          args.add(t);
          String suffix = readLine(args, true);
          sink.accept(new SyntaxLine(verb, args, t, List.copyOf(comments), suffix, blockComment));
          comments.clear();
        }
      }
    }
  }

  /** Collects the rest of a line's tokens; returns its end-of-line comment text, or null. */
  private String readLine(List<Token> args, boolean inBlock) {
    while (true) {
      Token t = peek();
      switch (t.kind()) {
        case NEWLINE, EOF, EOL_COMMENT -> {
          return endOfLine("argument");
        }
        case LPAREN ->
            throw error(t, "unexpected '(': a block opens with '(' at the end of a line");
        case RPAREN ->
            throw error(
                t,
                inBlock
                    ? "unexpected ')': a block closes with ')' alone on its line"
                    : "unexpected ')'");
        default -> args.add(next());
      }
    }
  }

  /** Expects an optional comment then a newline or the end of file; returns the comment text. */
  private String endOfLine(String after) {
    Token t = next();
    String comment = null;
    if (t.is(TokenKind.EOL_COMMENT)) {
      comment = SyntaxLine.commentText(t);
      t = next();
    }
    if (!t.is(TokenKind.NEWLINE) && !t.is(TokenKind.EOF)) {
      throw error(t, "unexpected " + t.describe() + " after " + after + ": expected newline");
    }
    if (t.is(TokenKind.EOF)) {
      peeked = t;
    }
    return comment;
  }

  private void skipNewline() {
    if (peek().is(TokenKind.NEWLINE)) {
      next();
    }
  }

  private Token peek() {
    if (peeked == null) {
      peeked = lexer.next();
    }
    return peeked;
  }

  private Token next() {
    Token t = peek();
    peeked = null;
    return t;
  }

  private GoModSyntaxException error(Token at, String message) {
    return new GoModSyntaxException(file, at.line(), at.column(), message);
  }
}
