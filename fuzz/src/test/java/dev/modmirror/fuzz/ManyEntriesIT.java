package dev.modmirror.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modmirror.gotool.GoOracle;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * More than 65,535 entries without zip64 records: Go reads the directory until it ends and compares
 * the count modulo 65,536, and so must we (too large to keep as a vector file).
 */
class ManyEntriesIT {
  @TempDir Path scratch;

  @Test
  void readsMoreThan65535EntriesWithoutZip64AsGoDoes() {
    Case many = ManyEntries.zip(65_537);
    Verdict mine = new Ours(scratch).judge(many);
    try (GoOracle oracle = GoOracle.start()) {
      Verdict go = new Differential(oracle, scratch, System.err).go(many);
      assertThat(go.ok()).as(go.toString()).isTrue();
      assertThat(mine).isEqualTo(go);
      // The same bytes with a count that differs modulo 65,536: both refuse.
      many.zip().eocdCount = 2;
      Case lying = Case.zip(many.text(0), many.text(1), many.zip());
      assertThat(new Ours(scratch).judge(lying)).isEqualTo(Verdict.refuse("not-a-zip"));
      assertThat(new Differential(oracle, scratch, System.err).go(lying).ok()).isFalse();
    }
  }
}
