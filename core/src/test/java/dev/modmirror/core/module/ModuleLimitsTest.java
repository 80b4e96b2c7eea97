package dev.modmirror.core.module;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Size limits may be zero (tests use tiny ones) but never negative; the default is x/mod's. */
class ModuleLimitsTest {
  @Test
  void limitsMayBeZeroButNeverNegative() {
    assertThat(new ModuleLimits(0, 0, 0, 0, 0).maxGoMod()).isZero();
    long[][] bad = {
      {-1, 0, 0, 0, 0}, {0, -1, 0, 0, 0}, {0, 0, -1, 0, 0}, {0, 0, 0, -1, 0}, {0, 0, 0, 0, -1}
    };
    for (long[] b : bad) {
      assertThatThrownBy(() -> new ModuleLimits(b[0], b[1], b[2], b[3], b[4]))
          .isExactlyInstanceOf(IllegalArgumentException.class)
          .hasMessage("module size limits must not be negative");
    }
  }

  @Test
  void defaultsAreTheGoCommandsAndTheZipLimitAloneCanChange() {
    assertThat(ModuleLimits.DEFAULT)
        .isEqualTo(new ModuleLimits(500L << 20, 500L << 20, 16L << 20, 16L << 20, 64 * 1024));
    assertThat(ModuleLimits.DEFAULT.withMaxZipFile(7))
        .isEqualTo(new ModuleLimits(7, 500L << 20, 16L << 20, 16L << 20, 64 * 1024));
  }
}
