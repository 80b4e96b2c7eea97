package dev.modmirror.core.module;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modmirror.core.error.InvalidInputException;
import dev.modmirror.core.testdata.CaseTable;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The path tables under {@code cases/}: each path checked as a file, import or module path, and
 * each case encoding, with x/mod's exact message for every refusal.
 */
class ModulePathCasesTest {
  static Stream<Arguments> filePaths() {
    return CaseTable.arguments(ModulePathCasesTest.class, "cases/file-paths.txt");
  }

  static Stream<Arguments> importPaths() {
    return CaseTable.arguments(ModulePathCasesTest.class, "cases/import-paths.txt");
  }

  static Stream<Arguments> modulePaths() {
    return CaseTable.arguments(ModulePathCasesTest.class, "cases/module-paths.txt");
  }

  static Stream<Arguments> escapes() {
    return CaseTable.arguments(ModulePathCasesTest.class, "cases/escapes.txt");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("filePaths")
  void checksFilePathsAsXMod(CaseTable.Row row) {
    assertPathRule(row, "file", ModulePaths::checkFilePath);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("importPaths")
  void checksImportPathsAsXMod(CaseTable.Row row) {
    assertPathRule(row, "import", ModulePaths::checkImportPath);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("modulePaths")
  void checksModulePathsAsXMod(CaseTable.Row row) {
    assertPathRule(row, "module", ModulePaths::checkPath);
    assertThat(ModulePaths.isValidPath(row.arg(0))).isEqualTo(row.want().equals("ok"));
  }

  private static void assertPathRule(CaseTable.Row row, String kind, Consumer<String> check) {
    String path = row.arg(0);
    if (row.want().equals("ok")) {
      check.accept(path);
      return;
    }
    assertThatThrownBy(() -> check.accept(path))
        .isExactlyInstanceOf(InvalidInputException.class)
        .hasMessage("malformed " + kind + " path " + GoQuote.string(path) + ": " + row.want());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("escapes")
  void encodesCaseAsXMod(CaseTable.Row row) {
    UnaryOperator<String> op =
        switch (row.arg(0)) {
          case "escape-path" -> ModulePaths::escapePath;
          case "unescape-path" -> ModulePaths::unescapePath;
          case "escape-version" -> ModulePaths::escapeVersion;
          case "unescape-version" -> ModulePaths::unescapeVersion;
          default -> throw new IllegalArgumentException(row.where() + ": unknown op " + row.arg(0));
        };
    String in = row.arg(1);
    if (row.want().startsWith("error ")) {
      assertThatThrownBy(() -> op.apply(in))
          .isExactlyInstanceOf(InvalidInputException.class)
          .hasMessage(row.want().substring("error ".length()));
    } else {
      assertThat(op.apply(in)).isEqualTo(row.want());
    }
  }

  @org.junit.jupiter.api.Test
  void aMissingEscapedPathOrVersionIsRefusedAsText() {
    assertThatThrownBy(() -> ModulePaths.unescapePath(null))
        .isExactlyInstanceOf(InvalidInputException.class)
        .hasMessage("invalid escaped module path \"null\"");
    assertThatThrownBy(() -> ModulePaths.unescapeVersion(null))
        .isExactlyInstanceOf(InvalidInputException.class)
        .hasMessage("invalid escaped version \"null\"");
    assertThatThrownBy(() -> ModulePaths.escapeVersion(null))
        .isExactlyInstanceOf(InvalidInputException.class)
        .hasMessage("version \"null\" invalid: disallowed version string");
    assertThat(ModulePaths.isValidPath(null)).isFalse();
  }
}
