package dev.modmirror.core.error;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ShownTest {
  private static final String FACE = "\uD83D\uDE00"; // one code point, two chars

  @Test
  void aValueAtTheLimitIsShownWholeAndOnePastItIsCut() {
    assertThat(Shown.clipped("abcd", 4)).isEqualTo("abcd");
    assertThat(Shown.clipped("abcde", 4)).isEqualTo("abcd…");
    assertThat(Shown.clipped("", 0)).isEmpty();
  }

  @Test
  void theLimitCountsCodePointsAndNeverSplitsAPair() {
    assertThat(Shown.clipped(FACE.repeat(4), 4)).isEqualTo(FACE.repeat(4));
    assertThat(Shown.clipped(FACE.repeat(5), 4)).isEqualTo(FACE.repeat(4) + "…");
    assertThat(Shown.clipped("a" + FACE + "b", 2)).isEqualTo("a" + FACE + "…");
  }

  @Test
  void aFittedValueNeverGrowsPastItsWidthMarkIncluded() {
    assertThat(Shown.fitted("abcd", 4)).isEqualTo("abcd");
    assertThat(Shown.fitted("abcde", 4)).isEqualTo("abc…");
    assertThat(Shown.fitted(FACE.repeat(5), 4)).isEqualTo(FACE.repeat(3) + "…");
    assertThat(Shown.fitted("ab", 1)).isEqualTo("…");
    assertThatThrownBy(() -> Shown.fitted("a", 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("a width is at least 1, got 0");
  }
}
