package dev.modmirror.deploy.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modmirror.core.module.ModuleRef;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/**
 * A recovery figure is always a measurement: a late canary is measured to the moment it completed,
 * and one that never completed is infinite ({@code never}), never a number standing for "unknown".
 */
class FaultLogTest {
  private static final ModuleRef LATE = ModuleRef.of("chaos.example/canary1", "v1.0.0");
  private static final ModuleRef LOST = ModuleRef.of("chaos.example/canary2", "v1.0.0");

  @Test
  void measuresLateCanariesToTheirCompletion() {
    FaultLog log = new FaultLog(240);
    log.recovered("kill -9 serve", 2.0);
    log.late("kill -9 warmer-1", LATE, 1_000_000_000L);
    assertThat(log.maxRecovery()).isInfinite();
    log.resolveLate(Map.of(LATE, OptionalLong.of(301_000_000_000L))::get);

    assertThat(log.maxRecovery()).isEqualTo(300.0);
    assertThat(log.late()).isEqualTo(1);
    assertThat(log.never()).isZero();
    assertThat(log.recoveries()).isEqualTo(2);
    assertThat(log.table()).contains("kill -9 warmer-1").contains("300.0");
  }

  @Test
  void aCanaryThatNeverCompletedIsANeverNotANumber() {
    FaultLog log = new FaultLog(240);
    log.recovered("kill -9 serve", 2.0);
    log.late("kill -9 broker 1", LOST, 0);
    log.resolveLate(ref -> OptionalLong.empty());

    assertThat(log.never()).isEqualTo(1);
    assertThat(FaultLog.seconds(log.maxRecovery())).isEqualTo("never");
    assertThat(log.table()).contains("never");
  }

  @Test
  void noRecoveryIsNoLateOne() {
    FaultLog log = new FaultLog(240);
    log.counted("upstream 5xx", 12);
    assertThat(log.maxRecovery()).isZero();
    assertThat(log.late()).isZero();
    assertThat(log.total()).isEqualTo(12);
  }
}
