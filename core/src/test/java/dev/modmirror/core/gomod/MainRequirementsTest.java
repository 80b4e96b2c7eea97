package dev.modmirror.core.gomod;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modmirror.core.error.InvalidInputException;
import dev.modmirror.core.module.ModuleRef;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MainRequirementsTest {

  private static List<Fetch> of(String text) {
    return MainRequirements.of("go.mod", GoModParser.parse("go.mod", text));
  }

  @Test
  void fetchesReplacementsInsteadOfReplacedVersionsAndNothingForDirectories() {
    List<Fetch> fetches =
        of(
            """
            module hello

            go 1.21

            require (
            \texample.com/x v1.3.0
            \texample.com/y v1.0.0
            \texample.com/z v0.1.0
            \tk8s.io/api v0.0.0
            \texample.com/plain v1.2.3
            \texample.com/win v1.0.0
            \texample.com/drive v1.0.0
            \texample.com/up v1.0.0
            \texample.com/abs v1.0.0
            )

            replace example.com/x => example.com/x v1.6.0
            replace example.com/y v1.0.0 => example.com/fork/y v1.0.1
            replace example.com/y => example.com/other/y v1.9.9
            replace example.com/z v0.2.0 => example.com/never v1.0.0
            replace k8s.io/api => ./staging/src/k8s.io/api
            replace example.com/win => .\\win
            replace example.com/drive => C:\\work\\drive
            replace example.com/up => ../up
            replace example.com/abs => /abs/dir
            """);
    assertThat(fetches)
        .extracting(Fetch::kind)
        .containsExactly(
            Fetch.Kind.REPLACED,
            Fetch.Kind.REPLACED,
            Fetch.Kind.REQUIRED,
            Fetch.Kind.LOCAL_DIRECTORY,
            Fetch.Kind.REQUIRED,
            Fetch.Kind.LOCAL_DIRECTORY,
            Fetch.Kind.LOCAL_DIRECTORY,
            Fetch.Kind.LOCAL_DIRECTORY,
            Fetch.Kind.LOCAL_DIRECTORY);
    assertThat(MainRequirements.fetched(fetches))
        .containsExactly(
            ModuleRef.of("example.com/x", "v1.6.0"),
            ModuleRef.of("example.com/fork/y", "v1.0.1"),
            ModuleRef.of("example.com/z", "v0.1.0"),
            ModuleRef.of("example.com/plain", "v1.2.3"));
  }

  @Test
  void dropsExcludedVersionsEvenWhenReplaced() {
    List<Fetch> fetches =
        of(
            """
            module example.com/m

            go 1.21

            require example.com/a v1.0.0
            require example.com/b v1.0.0
            exclude example.com/a v1.0.0
            exclude example.com/fork v1.9.0
            replace example.com/a => example.com/fork v1.9.0
            replace example.com/b => example.com/fork v1.9.0
            """);
    assertThat(fetches)
        .extracting(Fetch::kind)
        .containsExactly(Fetch.Kind.EXCLUDED, Fetch.Kind.REPLACED);
    // An exclusion binds required versions, not replacement targets (as the go command does).
    assertThat(MainRequirements.fetched(fetches))
        .containsExactly(ModuleRef.of("example.com/fork", "v1.9.0"));
  }

  @Test
  void aWorkspaceFetchesNoModuleOfItsOwnAndGoWorkReplacementsWin() {
    GoModFile a =
        GoModParser.parse(
            "a/go.mod",
            """
            module example.com/a
            go 1.22
            require example.com/b v1.0.0
            require example.com/c v1.0.0
            require example.com/d v1.0.0
            exclude example.com/e v1.0.0
            replace example.com/c => example.com/c v1.1.0
            """);
    GoModFile b =
        GoModParser.parse(
            "b/go.mod",
            """
            module example.com/b
            go 1.22
            require example.com/e v1.0.0
            replace example.com/c => example.com/c v1.2.0
            """);
    GoWorkFile work =
        GoWorkParser.parse(
            "go.work",
            "go 1.22\n\nuse (\n\t./a\n\t./b\n)\n\nreplace example.com/c => example.com/c v1.3.0\n");
    Map<String, GoModFile> mains = new LinkedHashMap<>();
    mains.put("a/go.mod", a);
    mains.put("b/go.mod", b);
    List<Fetch> fetches =
        MainRequirements.resolve(mains, Replacements.workspace("go.work", work, mains));
    assertThat(fetches)
        .extracting(Fetch::kind)
        .containsExactly(
            Fetch.Kind.WORKSPACE_MODULE,
            Fetch.Kind.REPLACED,
            Fetch.Kind.REQUIRED,
            Fetch.Kind.EXCLUDED);
    assertThat(MainRequirements.fetched(fetches))
        .containsExactly(
            ModuleRef.of("example.com/c", "v1.3.0"), ModuleRef.of("example.com/d", "v1.0.0"));
  }

  @Test
  void conflictingWorkspaceReplacementsAreRefusedAsGoRefusesThem() {
    GoModFile a =
        GoModParser.parse(
            "a/go.mod",
            "module example.com/a\nrequire example.com/c v1.0.0\n"
                + "replace example.com/c => example.com/c v1.1.0\n");
    GoModFile b =
        GoModParser.parse("b/go.mod", "module example.com/b\nreplace example.com/c => ./c\n");
    Map<String, GoModFile> mains = new LinkedHashMap<>();
    mains.put("a/go.mod", a);
    mains.put("b/go.mod", b);
    GoWorkFile work = GoWorkParser.parse("go.work", "use ./a\nuse ./b\n");
    assertThatThrownBy(
            () -> MainRequirements.resolve(mains, Replacements.workspace("go.work", work, mains)))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("conflicting replacements found for example.com/c@v1.0.0");
  }

  @Test
  void goWorkGrammar() {
    GoWorkFile work =
        GoWorkParser.parse(
            "go.work",
            "go 1.23\ntoolchain go1.23.1\ngodebug panicnil=1\nuse .\nuse (\n\t./tools\n\t\"../x y\"\n)\n"
                + "replace example.com/a v1.0.0 => ./a\n");
    assertThat(work.uses())
        .extracting(GoWorkFile.Use::dir)
        .containsExactly(".", "./tools", "../x y");
    assertThat(work.replaces()).hasSize(1);
    assertThat(work.toolchain()).contains("go1.23.1");
    assertThatThrownBy(() -> GoWorkParser.parse("go.work", "use a b\n"))
        .hasMessage("go.work:1:1: usage: use local/dir");
    assertThatThrownBy(() -> GoWorkParser.parse("go.work", "require example.com/a v1.0.0\n"))
        .hasMessage("go.work:1:1: unknown directive: require");
    assertThatThrownBy(() -> GoWorkParser.parse("go.work", "go 1.22\nrequire (\n)\n"))
        .hasMessage("go.work:2:1: unknown block type: require");
  }
}
