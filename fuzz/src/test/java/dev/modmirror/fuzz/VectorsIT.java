package dev.modmirror.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modmirror.gotool.GoOracle;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Go oracle still gives every recorded vector the verdict it was recorded with. */
class VectorsIT {
  private static GoOracle oracle;

  @TempDir Path scratch;

  @BeforeAll
  static void start() {
    oracle = GoOracle.start();
  }

  @AfterAll
  static void stop() {
    oracle.close();
  }

  @Test
  void goStillGivesEveryVectorItsRecordedVerdict() {
    List<Vector> vectors = Vectors.all().toList();
    Differential d = new Differential(oracle, scratch, System.err);
    for (Vector v : vectors) {
      Verdict now = d.go(v.c());
      assertThat(now.ok()).as(v.name() + ": " + now).isEqualTo(v.go().ok());
      assertThat(now.result()).as(v.name()).isEqualTo(v.go().result());
    }
    assertThat(vectors).hasSizeGreaterThanOrEqualTo(KnownCases.all().size());
  }
}
