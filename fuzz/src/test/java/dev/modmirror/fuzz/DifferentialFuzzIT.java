package dev.modmirror.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modmirror.gotool.GoOracle;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * CI's fixed, seeded budget of differential fuzzing: every generated case gets the same verdict
 * (and the same h1, size, hash…) from modmirror and from Go, apart from documented deliberate
 * refusals. A disagreement prints its shrunk reproducer and fails; turn it into a vector with
 * {@code ./modmirror fuzz differential --seed <seed>}. The time bound is a hang guard only.
 */
class DifferentialFuzzIT {
  static final long SEED = 20261130L;
  static final long CASES = 20_000;

  @TempDir Path scratch;

  @Test
  void modmirrorAndGoAgreeOnTheSeededBudget() {
    Differential.Report report;
    try (GoOracle oracle = GoOracle.start()) {
      report =
          new Differential(oracle, scratch, System.err)
              .run(SEED, CASES, Duration.ofMinutes(10), null);
    }
    System.err.println("differential fuzzing: " + report.line());
    assertThat(report.cases()).isEqualTo(CASES);
    assertThat(report.disagreements()).extracting(Vector::name).isEmpty();
    assertThat(report.byKind()).containsKeys("zip", "info", "mod", "tree", "sumdbline", "fold");
    // Go referees the zip64 record rule: it reads zips whose zip64 end records lie in ways it
    // does not check (counts off by multiples of 65,536, records it does not follow).
    assertThat(report.zip64Lies()).containsKey("deliberate central-directory-mismatch");
  }
}
