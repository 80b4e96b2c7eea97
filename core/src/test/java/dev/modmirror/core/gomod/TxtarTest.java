package dev.modmirror.core.gomod;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TxtarTest {

  @Test
  void splitsCommentAndFilesKeepingBytes() {
    Txtar t =
        Txtar.parse("about\nsince: go1.21\n-- a.mod --\nmodule x\n\n-- a.want --\nok\n-- b --");
    assertThat(t.comment()).isEqualTo("about\nsince: go1.21\n");
    assertThat(t.files())
        .containsExactly(
            new Txtar.File("a.mod", "module x\n\n"),
            new Txtar.File("a.want", "ok\n"),
            new Txtar.File("b", ""));
  }

  @Test
  void keepsAMissingFinalNewlineAndIgnoresNonMarkers() {
    Txtar t = Txtar.parse("-- a --\n--  --\n- b -\nlast");
    assertThat(t.comment()).isEmpty();
    assertThat(t.files()).containsExactly(new Txtar.File("a", "--  --\n- b -\nlast"));
  }
}
