package dev.modmirror.gotool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class GoReleaseTest {

  @Test
  void readsTheReleaseFromGoVersionOutput() {
    assertThat(GoRelease.parse("go version go1.19.8 linux/amd64")).isEqualTo(new GoRelease(19, 8));
    assertThat(GoRelease.parse("go version go1.26.8 linux/amd64")).isEqualTo(new GoRelease(26, 8));
    assertThat(GoRelease.parse("go version go1.20 linux/arm64")).isEqualTo(new GoRelease(20, 0));
    assertThat(GoRelease.parse("go version go1.21rc2 darwin/amd64"))
        .isEqualTo(new GoRelease(21, 0));
  }

  @Test
  void comparesByMinorRelease() {
    assertThat(new GoRelease(19, 8).atLeast(20)).isFalse();
    assertThat(new GoRelease(20, 0).atLeast(20)).isTrue();
    assertThat(new GoRelease(26, 8).atLeast(20)).isTrue();
  }

  @Test
  void refusesTextWithoutARelease() {
    assertThatThrownBy(() -> GoRelease.parse("go version devel +abc"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no go1.N release");
  }
}
