package dev.modmirror.core.gomod;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modmirror.core.module.ModuleRef;
import org.junit.jupiter.api.Test;

/** A dependency's go.mod read as the go command reads it while loading the graph (ParseLax). */
class GoModLaxParseTest {

  private static GoModFile lax(String text) {
    return GoModParser.parseLax("dep/go.mod", text);
  }

  @Test
  void readsOnlyWhatBindsADependencyAndSkipsTheRestUnread() {
    GoModFile f =
        lax(
            """
            module example.com/dep

            go 1.21
            toolchain not-a-toolchain
            godebug nonsense
            frobnicate whatever it means in Go 1.99
            exclude Example.com/Bad v1
            replace example.com/a => example.com/b
            tool ./not/an/import/path
            future (
            \tanything at all
            )
            require example.com/a v1.2.3
            ignore ./testdata
            """);
    assertThat(f.module()).contains("example.com/dep");
    assertThat(f.goVersion()).contains("1.21");
    assertThat(f.requirements())
        .extracting(Requirement::ref)
        .containsExactly(ModuleRef.of("example.com/a", "v1.2.3"));
    assertThat(f.toolchain()).isEmpty();
    assertThat(f.godebugs()).isEmpty();
    assertThat(f.excludes()).isEmpty();
    assertThat(f.replaces()).isEmpty();
    assertThat(f.tools()).isEmpty();
    assertThat(f.ignores()).extracting(Ignore::path).containsExactly("./testdata");
  }

  @Test
  void cutsPreReleaseAndPrefixedGoVersionsAsGoDoes() {
    assertThat(lax("module m\ngo 1.14beta1\n").goVersion()).contains("1.14beta1");
    assertThat(lax("module m\ngo 1.14-custom\n").goVersion()).contains("1.14");
    assertThat(lax("module m\ngo v1.14.0\n").goVersion()).contains("1.14");
    assertThat(lax("module m\ngo 1.21.0\n").goVersion()).contains("1.21.0");
    assertThatThrownBy(() -> lax("module m\ngo 1\n"))
        .isInstanceOf(GoModSyntaxException.class)
        .hasMessage("dep/go.mod:2:4: invalid go version '1': must match format 1.23.0");
  }

  @Test
  void dropsARetractionItCannotReadAndLeavesTheModuleLineUnchecked() {
    GoModFile f = lax("module \"any thing\"\nretract [v1.0.0\nretract v1.1.0\n");
    assertThat(f.module()).contains("any thing");
    assertThat(f.retracts()).extracting(Retract::low).containsExactly("v1.1.0");
  }

  @Test
  void syntaxErrorsAndMalformedRequirementsAreStillErrors() {
    assertThatThrownBy(() -> lax("module m\nrequire (\n"))
        .isInstanceOf(GoModSyntaxException.class)
        .hasMessageStartingWith("dep/go.mod:3:1: unexpected end of file");
    assertThatThrownBy(() -> lax("module m\nrequire example.com/a v2.0.0\n"))
        .isInstanceOf(GoModSyntaxException.class)
        .hasMessage("dep/go.mod:2:23: version \"v2.0.0\" invalid: should be v0 or v1, not v2");
  }

  @Test
  void theStrictParserRefusesWhatTheLaxOneSkips() {
    assertThatThrownBy(() -> GoModParser.parse("go.mod", "module m\nfrobnicate x\n"))
        .hasMessage("go.mod:2:1: unknown directive: frobnicate");
  }

  @Test
  void graphPruningStartsAtGo117() {
    assertThat(lax("module m\n").prunesModuleGraph()).isFalse();
    assertThat(lax("module m\ngo 1.16\n").prunesModuleGraph()).isFalse();
    assertThat(lax("module m\ngo 1.17\n").prunesModuleGraph()).isTrue();
    assertThat(lax("module m\ngo 1.17rc1\n").prunesModuleGraph()).isTrue();
    assertThat(lax("module m\ngo 1.9\n").prunesModuleGraph()).isFalse();
    assertThat(lax("module m\ngo 1.22.0\n").prunesModuleGraph()).isTrue();
    // Each end of the digit range inside a number: 1.19 and 1.20 are past 1.17.
    assertThat(lax("module m\ngo 1.19\n").prunesModuleGraph()).isTrue();
    assertThat(lax("module m\ngo 1.20\n").prunesModuleGraph()).isTrue();
  }
}
