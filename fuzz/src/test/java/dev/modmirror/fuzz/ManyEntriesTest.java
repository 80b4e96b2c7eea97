package dev.modmirror.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManyEntriesTest {
  @TempDir Path scratch;

  @Test
  void acceptsMoreThan65535EntriesWhoseCountMatchesModulo65536() {
    assertThat(new Ours(scratch).judge(ManyEntries.zip(65_537)).ok()).isTrue();
  }

  @Test
  void refusesACountThatDiffersModulo65536() {
    Case c = ManyEntries.zip(65_537);
    c.zip().eocdCount = 2;
    Case lying = Case.zip(c.text(0), c.text(1), c.zip());
    assertThat(new Ours(scratch).judge(lying)).isEqualTo(Verdict.refuse("not-a-zip"));
  }
}
