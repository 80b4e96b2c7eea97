package dev.modmirror.gotool;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GoToolchainGoIT {

  @Test
  void locatesAWorkingGoCommand() {
    GoToolchain go = GoToolchain.require();
    assertThat(go.version()).startsWith("go version go1.");
  }
}
