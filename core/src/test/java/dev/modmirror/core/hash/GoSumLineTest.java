package dev.modmirror.core.hash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modmirror.core.error.InvalidInputException;
import dev.modmirror.core.module.ModuleRef;
import org.junit.jupiter.api.Test;

class GoSumLineTest {
  private static final String ZIP_LINE =
      "example.com/m/v2 v2.0.0-20260102030405-abcdefabcdef h1:WbC3iawlQraWO/T4Ki0RJVGDWq8O5oFKBd7M/CCiUxg=";
  private static final String MOD_LINE =
      "example.com/m/v2 v2.0.0-20260102030405-abcdefabcdef/go.mod h1:HYGW+hCKt/ApbtUKDJOHNsAV1o+T7ZxvMTCI0goYnJ0=";

  @Test
  void parsesAndFormatsBothForms() {
    GoSumLine zip = GoSumLine.parse(ZIP_LINE);
    GoSumLine mod = GoSumLine.parse(MOD_LINE);
    assertThat(zip.goMod()).isFalse();
    assertThat(mod.goMod()).isTrue();
    assertThat(mod.ref())
        .isEqualTo(ModuleRef.of("example.com/m/v2", "v2.0.0-20260102030405-abcdefabcdef"));
    assertThat(zip.format()).isEqualTo(ZIP_LINE);
    assertThat(mod.format()).isEqualTo(MOD_LINE);
  }

  @Test
  void rejectsMalformedLines() {
    for (String bad :
        new String[] {
          "",
          "example.com/m v1.0.0",
          "example.com/m  v1.0.0 h1:x",
          "example.com/m v1.0.0 nohash",
          "example.com/m v1.0.0 h1:",
          "example.com/m v1.0.0 h1:a b",
          "example.com/m notaversion h1:x"
        }) {
      assertThatThrownBy(() -> GoSumLine.parse(bad))
          .as(bad)
          .isInstanceOf(InvalidInputException.class);
    }
  }
}
