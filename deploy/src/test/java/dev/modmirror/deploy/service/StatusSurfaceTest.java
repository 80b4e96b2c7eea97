package dev.modmirror.deploy.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modmirror.core.config.ConfigException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StatusSurfaceTest {

  @Test
  void noPortSetMeansNoSurfaceAndNoProblem() {
    // A warmer started without MODMIRROR_WARMER_HTTP_PORT once refused to start ("-1 is outside
    // [0, 65535]"): the "unset" default was checked as if it had been given.
    assertThat(StatusSurface.start("WARMER", null, Map.of())).isEmpty();
  }

  @Test
  void aPortOutOfRangeIsAConfigurationProblemNamingTheVariable() {
    assertThatThrownBy(
            () ->
                StatusSurface.start("WARMER", null, Map.of("MODMIRROR_WARMER_HTTP_PORT", "70000")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("MODMIRROR_WARMER_HTTP_PORT: 70000 is outside [0, 65535]");
  }
}
