package dev.modmirror.deploy.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modmirror.testkit.TempDirs;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Issue 13's CI run: {@code modmirror chaos} for two minutes of faults with a fixed seed, the
 * services as separate processes on three brokers, then the invariants from what the buckets and
 * topics hold. No timing is asserted: the settle and every recovery are awaited with generous
 * bounds, which only guard against a hang.
 */
class ChaosShortIT {
  /** Its schedule starts with a region stopped past its retries, poison on every topic, 503s. */
  static final long SEED = 10;

  @Test
  void aShortSeededRunLosesDuplicatesTearsAndCorruptsNothing() throws Exception {
    Path dir = TempDirs.create("chaos-short-");
    ChaosSettings settings =
        new ChaosSettings(Duration.ofMinutes(2), SEED, 1.5, 0.1, Duration.ofMinutes(8), dir);
    ChaosReport report;
    try (ChaosRun run = new ChaosRun(settings, System.err)) {
      report = run.run();
    }
    String text = report.text() + report.resultLine();
    System.out.println(text);
    Verdict v = report.verdict();
    assertThat(v.versions()).as(text).isPositive();
    assertThat(v.lost()).as("lost\n" + text).isZero();
    assertThat(v.duplicated()).as("duplicated\n" + text).isZero();
    assertThat(v.partial()).as("partial\n" + text).isZero();
    assertThat(v.corruptStored()).as("corrupt_stored\n" + text).isZero();
    assertThat(v.poisonMissing()).as("poison not dead-lettered\n" + text).isZero();
    assertThat(v.lag()).as("records left behind\n" + text).isZero();
    assertThat(report.faults().late()).as("a recovery not within the bound\n" + text).isZero();
    assertThat(report.faults().kinds()).as(text).hasSizeGreaterThan(1);
    TempDirs.deleteTree(dir);
  }
}
