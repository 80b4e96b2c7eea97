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

  /** Each refused differential is refused by the rule (or the reason) that should refuse it. */
  @ParameterizedTest(name = "{0}")
  @org.junit.jupiter.params.provider.CsvSource(
      delimiter = '|',
      value = {
        "descriptor-missing|crc-mismatch",
        "descriptor-wrong-crc|crc-mismatch",
        "root-entry-with-content|directory-with-content",
        "kelvin-fold-collision|case-collision",
        "unicode15-fold-collision|case-collision",
        "zip64-decoy-directory|central-directory-mismatch",
        "info-duplicate-version-last-wins|.info names version v9.0.0",
        "info-origin-wrong-type|cannot unmarshal into Origin",
        "info-time-number|Time.UnmarshalJSON: input is not a JSON string",
        "info-time-yesterday|parsing time yesterday as RFC 3339",
        "info-trailing-text|invalid character after top-level value",
        "mod-declares-major-suffix|module declares its path as example.com/m/v2",
        "mod-missing-module-line|missing module line",
        "record-two-lines-first-mismatch|checksum mismatch",
        "tree-size-leading-zero|sumdb-malformed-response",
      })
  void refusesEachDifferentialByItsRule(String vector, String reason) {
    Vector v = Vector.read(Vectors.dir().resolve(vector + ".vec"));
    Verdict mine = new Ours(scratch).judge(v.c());
    assertThat(mine.ok()).as(vector).isFalse();
    if (v.c().kind().equals("zip")) {
      assertThat(mine.reason()).isEqualTo(reason);
    } else {
      assertThat(mine.reason()).contains(reason);
    }
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
