package dev.modmirror.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every recorded vector (issue 15's differentials and everything the fuzzer ever found) gets Go's
 * recorded verdict from modmirror, or a documented deliberate refusal. Needs no Go: the verdict was
 * recorded with the oracle; {@code VectorsIT} checks the oracle still says so.
 */
class VectorsTest {
  @TempDir Path scratch;

  static Stream<Vector> vectors() {
    return Vectors.all();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vectors")
  void modmirrorAgreesWithTheRecordedGoVerdict(Vector v) {
    Verdict mine = new Ours(scratch).judge(v.c());
    assertThat(Differential.compare(v.go(), mine))
        .as("%s: go %s, modmirror %s", v.name(), v.go(), mine)
        .isNotEqualTo(Differential.Outcome.DISAGREE);
  }

  @Test
  void everyKnownDifferentialHasARecordedVector() {
    for (String name : KnownCases.all().keySet()) {
      assertThat(Files.exists(Vectors.dir().resolve(name + ".vec"))).as(name).isTrue();
    }
  }

  /**
   * The poisoning vector: the 32-bit end record and a zip64 end record name two directories. Go
   * reads the first; we read it too, and java.util.zip, which cannot read this file, makes us
   * refuse it on purpose. Never accepted with the decoy's files.
   */
  @Test
  void refusesTheZip64DecoyAndNeverHashesTheDecoy() {
    Vector decoy = Vector.read(Vectors.dir().resolve("zip64-decoy-directory.vec"));
    assertThat(new Ours(scratch).judge(decoy.c()))
        .isEqualTo(Verdict.refuseDeliberately("central-directory-mismatch"));
  }
}
