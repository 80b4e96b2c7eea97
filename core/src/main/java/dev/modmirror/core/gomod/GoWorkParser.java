package dev.modmirror.core.gomod;

import java.util.ArrayList;
import java.util.List;

/**
 * Parses go.work files as x/mod ParseWork does: {@code go}, {@code toolchain}, {@code godebug},
 * {@code use} and {@code replace}, with blocks for {@code use}, {@code replace} and {@code
 * godebug}; the same lexer, structure and messages as {@link GoModParser}.
 */
public final class GoWorkParser {
  private GoWorkParser() {}

  /**
   * @throws GoModSyntaxException naming file, line and column of the first error
   */
  public static GoWorkFile parse(String fileName, String text) {
    GoModLexer lexer = new GoModLexer(fileName, text);
    GoModStructure structure =
        new GoModStructure(fileName, lexer, GoModStructure.GO_WORK_BLOCKS, true);
    DirectiveReader directives = new DirectiveReader(fileName, true);
    List<GoWorkFile.Use> uses = new ArrayList<>();
    structure.parse(
        line -> {
          switch (line.verb().text()) {
            case "use" -> {
              if (line.args().size() != 1) {
                throw directives.error(line.start(), "usage: use local/dir");
              }
              uses.add(
                  new GoWorkFile.Use(directives.value(line.args().get(0)), line.start().line()));
            }
            case "go", "toolchain", "godebug", "replace" -> directives.accept(line);
            default ->
                throw directives.error(line.verb(), "unknown directive: " + line.verb().text());
          }
        });
    GoModFile read = directives.result();
    return new GoWorkFile(
        read.goVersion(), read.toolchain(), read.godebugs(), uses, read.replaces());
  }
}
