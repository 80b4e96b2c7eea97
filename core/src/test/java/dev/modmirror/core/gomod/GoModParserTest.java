package dev.modmirror.core.gomod;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modmirror.core.module.ModuleRef;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GoModParserTest {

  private static GoModFile parse(String text) {
    return GoModParser.parse("go.mod", text);
  }

  @Test
  void readsEveryDirective() {
    GoModFile f =
        parse(
            """
            // Deprecated: use example.com/m/v2 instead.
            module example.com/m

            go 1.22.1
            toolchain go1.22.3
            godebug default=go1.21
            godebug (
            \tpanicnil=1
            )

            require example.com/a v1.2.3
            require (
            \texample.com/b v0.1.0 // indirect
            \t"example.com/c/v2" v2.0.0 // indirect; pulled by b
            \texample.com/d v1.0.0 // indirectly
            \texample.com/e v2.1.0+incompatible
            \texample.com/f v1.3
            )

            exclude example.com/a v1.2.2
            exclude (
            \texample.com/b v0.0.9
            )

            replace example.com/a => ../a
            replace example.com/b v0.1.0 => example.com/fork/b v0.1.1
            replace (
            \texample.com/c/v2 => /abs/c
            \texample.com/d v1.0.0 => ./d
            )

            // Published by accident.
            retract v1.0.1
            retract [v1.1.0, v1.1.5] // security hole
            retract (
            \tv0.9.0
            )

            tool example.com/a/cmd/gen
            tool (
            \tgolang.org/x/tools/cmd/stringer
            )
            ignore ./node_modules
            ignore (
            \tthird_party/js
            )
            """);
    assertThat(f.module()).contains("example.com/m");
    assertThat(f.deprecated()).contains("use example.com/m/v2 instead.");
    assertThat(f.goVersion()).contains("1.22.1");
    assertThat(f.toolchain()).contains("go1.22.3");
    assertThat(f.godebugs())
        .containsExactly(new Godebug("default", "go1.21", 6), new Godebug("panicnil", "1", 8));
    assertThat(f.requirements())
        .containsExactly(
            new Requirement(ModuleRef.of("example.com/a", "v1.2.3"), false, 11),
            new Requirement(ModuleRef.of("example.com/b", "v0.1.0"), true, 13),
            new Requirement(ModuleRef.of("example.com/c/v2", "v2.0.0"), true, 14),
            new Requirement(ModuleRef.of("example.com/d", "v1.0.0"), false, 15),
            new Requirement(ModuleRef.of("example.com/e", "v2.1.0+incompatible"), false, 16),
            new Requirement(ModuleRef.of("example.com/f", "v1.3.0"), false, 17));
    assertThat(f.excludes())
        .containsExactly(
            new Exclude(ModuleRef.of("example.com/a", "v1.2.2"), 20),
            new Exclude(ModuleRef.of("example.com/b", "v0.0.9"), 22));
    assertThat(f.replaces())
        .containsExactly(
            new Replace("example.com/a", Optional.empty(), "../a", Optional.empty(), 25),
            new Replace(
                "example.com/b",
                Optional.of("v0.1.0"),
                "example.com/fork/b",
                Optional.of("v0.1.1"),
                26),
            new Replace("example.com/c/v2", Optional.empty(), "/abs/c", Optional.empty(), 28),
            new Replace("example.com/d", Optional.of("v1.0.0"), "./d", Optional.empty(), 29));
    assertThat(f.replaces().get(0).isLocal()).isTrue();
    assertThat(f.replaces().get(1).isLocal()).isFalse();
    assertThat(f.retracts())
        .containsExactly(
            new Retract("v1.0.1", "v1.0.1", "Published by accident.", 33),
            new Retract("v1.1.0", "v1.1.5", "security hole", 34),
            new Retract("v0.9.0", "v0.9.0", "", 36));
    assertThat(f.tools())
        .containsExactly(
            new Tool("example.com/a/cmd/gen", 39), new Tool("golang.org/x/tools/cmd/stringer", 41));
    assertThat(f.ignores())
        .containsExactly(new Ignore("./node_modules", 43), new Ignore("third_party/js", 45));
  }

  @Test
  void retractRationaleComesFromBlockWhenLineHasNone() {
    GoModFile f =
        parse(
            """
            module example.com/m
            // Bad releases.
            retract ( // all of them
            \tv1.0.0
            \t// Really bad.
            \tv1.0.1
            \tv1.0.2 // oops
            )
            """);
    assertThat(f.retracts())
        .extracting(Retract::rationale)
        .containsExactly("Bad releases.\nall of them", "Really bad.", "oops");
  }

  @Test
  void blankLineDetachesComment() {
    GoModFile f = parse("module example.com/m\n// not attached\n\nretract v1.0.0\n");
    assertThat(f.retracts().get(0).rationale()).isEmpty();
  }

  @Test
  void acceptsEmptyFileEmptyBlocksCrLfAndMissingFinalNewline() {
    assertThat(parse("").module()).isEmpty();
    assertThat(parse("require ()\nexclude (\n)\n").requirements()).isEmpty();
    GoModFile f = parse("module example.com/m\r\nrequire example.com/a v1.0.0 // indirect\r\n");
    assertThat(f.requirements()).hasSize(1);
    assertThat(f.requirements().get(0).indirect()).isTrue();
    assertThat(parse("module example.com/m").module()).isPresent();
  }

  @Test
  void unquotesInterpretedStrings() {
    GoModFile f = parse("module \"example.com/\\u0041\\x62\\143\"\n");
    assertThat(f.module()).contains("example.com/Abc");
  }

  @Test
  void keepsFoundationAccessors() {
    GoModFile f = new GoModFile(Optional.empty(), List.of());
    assertThat(f.requirements()).isEmpty();
    assertThat(f.goVersion()).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '\u0001',
      textBlock =
          """
          module example.com/m\\nfoo bar|2:1|unknown directive: foo
          module example.com/m\\nmodule example.com/n|2:1|repeated module statement
          module|1:1|usage: module module/path
          module a b|1:1|usage: module module/path
          module "a b"|1:8|malformed module path "a b": invalid char ' '
          module `example.com/m`|1:8|invalid quoted string: unquoted string cannot contain quote
          module example.com/'m'|1:8|invalid quoted string: unquoted string cannot contain quote
          module "example.com/\\q"|1:8|invalid quoted string: invalid syntax
          module "example.com/m|1:8|unexpected EOF in string
          module "example.com\\n/m"|1:20|unexpected newline in string
          /* c */ module x|1:1|mod files must use // comments (not /* */ comments)
          module a/*b|1:9|mod files must use // comments (not /* */ comments)
          module \\x01|1:8|unexpected input character '\\x01'
          go 1|1:4|invalid go version '1': must match format 1.23.0
          go 1.21 1.22|1:1|go directive expects exactly one argument
          go 1.21\\ngo 1.22|2:1|repeated go statement
          go 01.2|1:4|invalid go version '01.2': must match format 1.23.0
          go 1.21rc|1:4|invalid go version '1.21rc': must match format 1.23.0
          toolchain 1.21|1:11|invalid toolchain version '1.21': must match format go1.23.0 or default
          toolchain|1:1|toolchain directive expects exactly one argument
          toolchain go1.21.0\\ntoolchain default|2:1|repeated toolchain statement
          godebug x|1:1|usage: godebug key=value
          godebug a="b"|1:1|usage: godebug key=value
          require example.com/a|1:1|usage: require module/path v1.2.3
          require example.com/a v1.0.0 x|1:1|usage: require module/path v1.2.3
          require example.com/a 1.0.0|1:23|version "1.0.0" invalid: must be of the form v1.2.3
          require example.com/a v2.0.0|1:23|version "v2.0.0" invalid: should be v0 or v1, not v2
          require example.com/a/v2 v3.0.0|1:26|version "v3.0.0" invalid: should be v2, not v3
          require example.com/a/v1 v1.0.0|1:9|malformed module path "example.com/a/v1": invalid version
          exclude Example.com/a v1.0.0|1:9|malformed module path "Example.com/a": invalid char 'E' in first path element
          require (\\nexample.com/a v1.0.0\\n|3:1|unexpected end of file: block started at 1:1 has no ')'
          require ( example.com/a v1.0.0 )|1:11|unexpected 'example.com/a' after '(' (a block opens with 'require (' at the end of a line): expected newline
          require (\\nexample.com/a v1.0.0 )|2:22|unexpected ')': a block closes with ')' alone on its line
          require (\\n) x|2:3|unexpected 'x' after ')': expected newline
          require (\\n(\\n)|2:1|unexpected '(': blocks do not nest
          require x (|1:11|unexpected '(': a block opens with '(' at the end of a line
          )|1:1|unexpected ')': expected a directive name
          "module" x|1:1|unexpected '"module"': expected a directive name
          replace example.com/a|1:1|usage: replace module/path [v1.2.3] => other/module v1.4\\n\\t or replace module/path [v1.2.3] => ../local/directory
          replace example.com/a => example.com/b|1:26|replacement module without version must be directory path (rooted or starting with . or ..)
          replace example.com/a => ./b v1.0.0|1:26|replacement module directory path "./b" cannot have version
          replace example.com/a/v1 v1.0.0 => ../b|1:9|malformed module path "example.com/a/v1": invalid version
          replace example.com/a => example.com/b v9|1:40|version "v9.0.0" invalid: should be v0 or v1, not v9
          retract|1:1|expected '[' or version
          retract [|1:9|expected version after '['
          retract [v1.0.0|1:10|expected ',' after version
          retract [v1.0.0,|1:16|expected version after ','
          retract [v1.0.0, v1.1.0|1:18|expected ']' after version
          retract [v1.0.0, v1.1.0] x|1:26|unexpected token after version: "x"
          retract v1.0.0 v1.1.0|1:16|unexpected token after version: "v1.1.0"
          retract latest|1:9|version "latest" invalid: must be of the form v1.2.3
          tool|1:1|tool directive expects exactly one argument
          tool a b|1:1|tool directive expects exactly one argument
          tool example.com/a b|1:1|tool directive expects exactly one argument
          tool example.com/a/.x.|1:6|malformed import path "example.com/a/.x.": trailing dot in path element
          ignore|1:1|ignore directive expects exactly one argument
          """)
  void reportsEachErrorWithLineAndColumn(String text, String lineCol, String message) {
    String source = text.replace("\\n", "\n").replace("\\x01", "\u0001");
    String expected = message.replace("\\n", "\n").replace("\\t", "\t");
    assertThatThrownBy(() -> parse(source))
        .isInstanceOf(GoModSyntaxException.class)
        .hasMessage("go.mod:" + lineCol + ": " + expected);
  }

  @Test
  void errorCarriesFileLineAndColumn() {
    assertThatThrownBy(() -> GoModParser.parse("a/go.mod", "module example.com/m\n\nrequire x"))
        .isInstanceOfSatisfying(
            GoModSyntaxException.class,
            e -> {
              assertThat(e.file()).isEqualTo("a/go.mod");
              assertThat(e.line()).isEqualTo(3);
              assertThat(e.column()).isEqualTo(1);
            });
  }
}
