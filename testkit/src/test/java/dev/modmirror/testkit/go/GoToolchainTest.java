package dev.modmirror.testkit.go;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

class GoToolchainTest {

  @Test
  void failsLoudlyWithoutGoByDefault() {
    assertThatThrownBy(() -> GoToolchain.require(Optional.empty(), "true"))
        .isInstanceOf(AssertionFailedError.class)
        .hasMessageContaining("needs Go")
        .hasMessageContaining("modmirror.go.required=false");
  }

  @Test
  void abortsWithBannerWithoutGoWhenNotRequired() {
    assertThatThrownBy(() -> GoToolchain.require(Optional.empty(), " false "))
        .isInstanceOf(TestAbortedException.class)
        .hasMessageStartingWith(GoToolchain.BANNER);
  }

  @Test
  void returnsTheFoundToolchainWhateverTheProperty() {
    Optional<GoToolchain> found = GoToolchain.locate();
    assertThat(found).as("go is installed here and in CI").isPresent();
    assertThat(GoToolchain.require(found, "false")).isSameAs(found.get());
  }
}
