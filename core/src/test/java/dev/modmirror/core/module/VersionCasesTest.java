package dev.modmirror.core.module;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modmirror.core.error.InvalidInputException;
import dev.modmirror.core.testdata.CaseTable;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The tables {@code cases/semver.txt}, {@code cases/path-versions.txt}, {@code cases/globs.txt}.
 */
class VersionCasesTest {
  static Stream<Arguments> semver() {
    return CaseTable.arguments(VersionCasesTest.class, "cases/semver.txt");
  }

  static Stream<Arguments> pathVersions() {
    return CaseTable.arguments(VersionCasesTest.class, "cases/path-versions.txt");
  }

  static Stream<Arguments> globs() {
    return CaseTable.arguments(VersionCasesTest.class, "cases/globs.txt");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("semver")
  void readsVersionsAsXMod(CaseTable.Row row) {
    String v = row.arg(1);
    String got =
        switch (row.arg(0)) {
          case "compare" -> {
            int c = Semver.compare(v, row.arg(2));
            assertThat(Semver.compare(row.arg(2), v)).isEqualTo(-c);
            yield String.valueOf(c);
          }
          case "canonical" -> {
            assertThat(Semver.isValid(v)).isEqualTo(Semver.parse(v).isPresent());
            yield Semver.canonical(v).orElse("invalid");
          }
          case "parts" ->
              "major=%s prerelease=%s build=%s"
                  .formatted(Semver.major(v), Semver.prerelease(v), Semver.build(v));
          default -> throw new IllegalArgumentException(row.where() + ": unknown op");
        };
    assertThat(got).as(row.where()).isEqualTo(row.want());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("pathVersions")
  void splitsAndMatchesMajorVersionsAsXMod(CaseTable.Row row) {
    String got =
        switch (row.arg(0)) {
          case "split" ->
              ModulePaths.splitPathVersion(row.arg(1))
                  .map(s -> "prefix=" + s.prefix() + " major=" + s.pathMajor())
                  .orElse("invalid");
          case "path-major" -> {
            String v = row.arg(1);
            boolean ok = ModulePaths.matchPathMajor(v, row.arg(2));
            try {
              ModulePaths.checkPathMajor(v, row.arg(2));
              assertThat(ok).isTrue();
              yield "ok";
            } catch (InvalidInputException e) {
              assertThat(ok).isFalse();
              assertThat(e.getMessage()).startsWith("version " + GoQuote.string(v) + " invalid: ");
              assertThat(e.version()).contains(v);
              yield e.getMessage()
                  .substring(("version " + GoQuote.string(v) + " invalid: ").length());
            }
          }
          default -> throw new IllegalArgumentException(row.where() + ": unknown op");
        };
    assertThat(got).as(row.where()).isEqualTo(row.want());
  }

  static Stream<Arguments> quote() {
    return CaseTable.arguments(VersionCasesTest.class, "cases/quote.txt");
  }

  static Stream<Arguments> refs() {
    return CaseTable.arguments(VersionCasesTest.class, "cases/refs.txt");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("quote")
  void quotesAsGo(CaseTable.Row row) {
    String got =
        switch (row.arg(0)) {
          case "string" -> GoQuote.string(row.arg(1));
          case "rune" -> GoQuote.rune(row.arg(1).codePointAt(0));
          default -> throw new IllegalArgumentException(row.where() + ": unknown op");
        };
    assertThat("as " + got).as(row.where()).isEqualTo(row.want());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("refs")
  void parsesAndOrdersModuleRefs(CaseTable.Row row) {
    String got =
        switch (row.arg(0)) {
          case "parse" -> {
            try {
              ModuleRef ref = ModuleRef.parse(row.arg(1));
              assertThat(ref.key()).isEqualTo(row.arg(1));
              assertThat(ref).hasToString(row.arg(1));
              assertThat(ref.path()).hasToString(ref.path().value());
              assertThat(ref.version()).hasToString(ref.version().value());
              yield ref.key();
            } catch (InvalidInputException e) {
              yield "error " + e.getMessage();
            }
          }
          case "compare" -> {
            ModuleRef a = ModuleRef.parse(row.arg(1));
            ModuleRef b = ModuleRef.parse(row.arg(2));
            assertThat(Integer.signum(b.compareTo(a))).isEqualTo(-Integer.signum(a.compareTo(b)));
            yield String.valueOf(Integer.signum(a.compareTo(b)));
          }
          default -> throw new IllegalArgumentException(row.where() + ": unknown op");
        };
    assertThat(got).as(row.where()).isEqualTo(row.want());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("globs")
  void matchesGlobsAsGo(CaseTable.Row row) {
    boolean got =
        switch (row.arg(0)) {
          case "match" -> GlobMatch.match(row.arg(1), row.arg(2));
          case "prefix" -> PrefixPatterns.matches(row.arg(1), row.arg(2));
          default -> throw new IllegalArgumentException(row.where() + ": unknown op");
        };
    // Go reports a bad pattern as an error; ours matches nothing.
    assertThat(got).as(row.where()).isEqualTo(row.want().equals("true"));
  }
}
