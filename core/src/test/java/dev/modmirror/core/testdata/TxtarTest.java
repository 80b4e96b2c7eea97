package dev.modmirror.core.testdata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Txtar reads archives as golang.org/x/tools/txtar's Parse does. */
class TxtarTest {
  @Test
  void readsFilesAndParameters() {
    Txtar a =
        Txtar.parse(
            "a.txt",
            """
            A comment.
            path=example.com/m
            -- go.mod --
            module example.com/m
            -- empty --
            -- b/c.go --
            package c""");
    assertThat(a.comment()).isEqualTo("A comment.\npath=example.com/m\n");
    assertThat(a.param("path")).contains("example.com/m");
    assertThat(a.param("version")).isEmpty();
    assertThat(a.names()).containsExactly("go.mod", "empty", "b/c.go");
    assertThat(a.file("go.mod")).isEqualTo("module example.com/m\n");
    assertThat(a.file("empty")).isEmpty();
    assertThat(a.file("b/c.go")).isEqualTo("package c\n");
    assertThatThrownBy(() -> a.file("nope")).hasMessage("a.txt: no file nope");
  }

  @Test
  void splitsCommentAndFilesKeepingBytes() {
    Txtar t =
        Txtar.parse(
            "t", "about\nsince: go1.21\n-- a.mod --\nmodule x\n\n-- a.want --\nok\n-- b --");
    assertThat(t.comment()).isEqualTo("about\nsince: go1.21\n");
    assertThat(t.files())
        .containsExactly(
            new Txtar.File("a.mod", "module x\n\n"),
            new Txtar.File("a.want", "ok\n"),
            new Txtar.File("b", ""));
  }

  @Test
  void endsTheLastFileWithANewlineAndIgnoresNonMarkers() {
    Txtar t = Txtar.parse("t", "-- a --\n--  --\n- b -\n-- c\n--x--\nlast");
    assertThat(t.comment()).isEmpty();
    assertThat(t.files())
        .containsExactly(new Txtar.File("a", "--  --\n- b -\n-- c\n--x--\nlast\n"));
    assertThat(Txtar.parse("t", "no files").comment()).isEqualTo("no files\n");
    assertThat(Txtar.parse("t", "").comment()).isEmpty();
    assertThat(Txtar.parse("t", "c\n-- a --").files()).containsExactly(new Txtar.File("a", ""));
  }

  @Test
  void trimsMarkerNamesAndKeepsRepeatedNames() {
    Txtar t = Txtar.parse("d.txt", "--  x  --\n1\n-- x --\n2\n");
    assertThat(t.names()).containsExactly("x", "x");
    assertThatThrownBy(() -> t.file("x")).hasMessage("d.txt: more than one file x");
  }
}
