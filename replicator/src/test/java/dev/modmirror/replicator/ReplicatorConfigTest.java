package dev.modmirror.replicator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modmirror.core.config.Settings;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReplicatorConfigTest {
  @Test
  void copiesSixtyFourVersionsAtOncePerRegionUnlessConfigured() {
    // A copy against a remote region is several round trips long (about 0.3 s at 30 ms each), and
    // a region's rate is at most its copies in flight over that: 16 kept it near 50 a second.
    assertThat(ReplicatorConfig.from(Settings.fromEnvironment(Map.of())).inFlight()).isEqualTo(64);
    assertThat(ReplicatorConfig.defaults(Path.of("spool")).inFlight()).isEqualTo(64);
    assertThat(ReplicatorConfig.defaults(Path.of("spool")).consumption("eu").inFlight())
        .isEqualTo(64);
  }

  @Test
  void takesTheCopiesInFlightFromTheEnvironment() {
    Settings s = Settings.fromEnvironment(Map.of("MODMIRROR_REPLICATOR_IN_FLIGHT", "8"));
    assertThat(ReplicatorConfig.from(s).inFlight()).isEqualTo(8);
  }
}
