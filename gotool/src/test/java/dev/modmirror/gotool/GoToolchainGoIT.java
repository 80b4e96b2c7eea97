package dev.modmirror.gotool;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GoToolchainGoIT {

  @Test
  void locatesAWorkingGoCommand() {
    GoToolchain go = GoToolchain.require();
    assertThat(go.version()).startsWith("go version go1.");
    // The suites follow Go where it changed since 1.19, the oldest release CI may install.
    assertThat(go.release().atLeast(19)).as(go.version()).isTrue();
  }
}
