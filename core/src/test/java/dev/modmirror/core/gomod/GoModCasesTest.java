package dev.modmirror.core.gomod;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modmirror.core.testdata.CaseTable;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The tables {@code cases/directives.txt} and {@code cases/strings.txt}: one go.mod per line, read
 * as x/mod reads it, with the exact message, line and column of every refusal; and {@code
 * cases/work.txt}, the work a parse counts.
 */
class GoModCasesTest {
  static Stream<Arguments> directives() {
    return CaseTable.arguments(GoModCasesTest.class, "cases/directives.txt");
  }

  static Stream<Arguments> strings() {
    return CaseTable.arguments(GoModCasesTest.class, "cases/strings.txt");
  }

  static Stream<Arguments> work() {
    return CaseTable.arguments(GoModCasesTest.class, "cases/work.txt");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("work")
  void countsTheWorkOfAParse(CaseTable.Row row) {
    assertThat(GoModParser.work("go.mod", row.arg(0))).as(row.where()).hasToString(row.want());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource({"directives", "strings"})
  void readsDirectivesAsXMod(CaseTable.Row row) {
    String text = row.arg(0);
    if (row.want().startsWith("error ")) {
      assertThatThrownBy(() -> GoModParser.parse("go.mod", text))
          .as(row.where())
          .isExactlyInstanceOf(GoModSyntaxException.class)
          .hasMessage("go.mod:" + row.want().substring("error ".length()));
    } else {
      assertThat(describe(GoModParser.parse("go.mod", text))).as(row.where()).isEqualTo(row.want());
    }
  }

  /** What a go.mod says, one directive after another, as the x/mod referee prints it too. */
  static String describe(GoModFile f) {
    List<String> out = new ArrayList<>();
    f.module().ifPresent(m -> out.add("module " + m));
    f.deprecated().ifPresent(d -> out.add("deprecated " + quote(d)));
    f.goVersion().ifPresent(v -> out.add("go " + v));
    f.toolchain().ifPresent(v -> out.add("toolchain " + v));
    f.godebugs().forEach(g -> out.add("godebug " + g.key() + "=" + g.value()));
    f.requirements()
        .forEach(
            r ->
                out.add(
                    "require "
                        + r.ref().path().value()
                        + " "
                        + r.ref().version().value()
                        + (r.indirect() ? " indirect" : "")));
    f.excludes()
        .forEach(x -> out.add("exclude " + x.ref().path().value() + " " + x.ref().version()));
    for (Replace r : f.replaces()) {
      out.add(
          "replace "
              + r.oldPath()
              + r.oldVersion().map(v -> " " + v).orElse("")
              + " => "
              + r.newPath()
              + (r.isLocal() ? " (local)" : " " + r.newVersion().orElseThrow()));
    }
    f.retracts()
        .forEach(
            r ->
                out.add(
                    "retract ["
                        + r.low()
                        + ", "
                        + r.high()
                        + "]"
                        + (r.rationale().isEmpty() ? "" : " " + quote(r.rationale()))));
    f.tools().forEach(t -> out.add("tool " + t.path()));
    f.ignores().forEach(i -> out.add("ignore " + i.path()));
    return String.join("; ", out);
  }

  /** Go's %q for the comment texts in the tables (quotes, backslashes and newlines escaped). */
  private static String quote(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
  }
}
