package dev.modmirror.core.gomod;

/**
 * Parses go.mod files: the whole grammar of the go command (module, go, toolchain, godebug,
 * require, exclude, replace, retract, tool, ignore; single lines and {@code ( … )} blocks, the
 * latter only for the verbs x/mod allows, so {@code go (} and {@code toolchain (} are errors;
 * interpreted strings; {@code //} comments with {@code // indirect} marks and retraction
 * rationales).
 *
 * <p>Strict as x/mod is for a main module: unknown directives, raw {@code `…`} strings as values
 * (x/mod lexes but refuses them) and repeated module/go/toolchain lines are errors. Linear in the
 * input: one pass of a lexer with one token of look-ahead, no regular expressions, no recursion.
 */
public final class GoModParser {
  private final GoModLexer lexer;
  private final GoModStructure structure;
  private final DirectiveReader reader;

  private GoModParser(String fileName, String text, boolean strict) {
    this.lexer = new GoModLexer(fileName, text);
    this.structure = new GoModStructure(fileName, lexer, GoModStructure.GO_MOD_BLOCKS, strict);
    this.reader = new DirectiveReader(fileName, strict);
  }

  /**
   * @param fileName named in error messages
   * @throws GoModSyntaxException naming file, line and column of the first error; never any other
   *     exception for any input text
   */
  public static GoModFile parse(String fileName, String text) {
    return new GoModParser(fileName, text, true).run();
  }

  /**
   * Parses a dependency's go.mod as the go command does when it loads the module graph (x/mod
   * ParseLax): only {@code module}, {@code go}, {@code require}, {@code retract} and {@code ignore}
   * are read; every other directive and block is skipped unread (it may come from a newer Go, and
   * replace, exclude and the like bind only the main module); a malformed {@code retract} is
   * dropped; a {@code go} version like {@code 1.14-custom} or {@code v1.14.0} (not valid as it is)
   * is cut to {@code 1.14}. Syntax errors and malformed requirements are still errors.
   *
   * @throws GoModSyntaxException naming file, line and column of the first error
   */
  public static GoModFile parseLax(String fileName, String text) {
    return new GoModParser(fileName, text, false).run();
  }

  /** Parses and reports the work done (characters read plus tokens), for linearity tests. */
  static long work(String fileName, String text) {
    GoModParser parser = new GoModParser(fileName, text, true);
    try {
      parser.run();
    } catch (GoModSyntaxException e) {
      // The work up to the first error is what counts.
    }
    return parser.lexer.work();
  }

  private GoModFile run() {
    structure.parse(reader::accept);
    return reader.result();
  }
}
