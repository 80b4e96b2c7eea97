package dev.modmirror.gotool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

class GoToolchainTest {
  private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
  private final PrintStream banner = new PrintStream(printed, true, StandardCharsets.UTF_8);

  @Test
  void failsLoudlyWithoutGoByDefault() {
    assertThatThrownBy(() -> GoToolchain.require(Optional.empty(), "true", banner))
        .isInstanceOf(AssertionFailedError.class)
        .hasMessageContaining("needs Go")
        .hasMessageContaining("modmirror.go.required=false");
  }

  @Test
  void abortsWithBannerWithoutGoWhenNotRequired() {
    assertThatThrownBy(() -> GoToolchain.require(Optional.empty(), " false ", banner))
        .isInstanceOf(TestAbortedException.class)
        .hasMessageStartingWith(GoToolchain.BANNER);
    assertThat(printed.toString(StandardCharsets.UTF_8)).contains(GoToolchain.BANNER);
  }

  @Test
  void returnsTheFoundToolchainWhateverTheProperty() {
    Optional<GoToolchain> found = GoToolchain.locate();
    assertThat(found).as("go is installed here and in CI").isPresent();
    assertThat(GoToolchain.require(found, "false", banner)).isSameAs(found.get());
  }
}
