package dev.modmirror.core.module;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modmirror.core.testdata.CaseTable;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The table {@code cases/fold-keys.txt}: the exact key x/mod/zip's {@code strToFold} gives a name,
 * which the zip rules compare to find names that collide on a case-insensitive file system.
 */
class GoFoldCasesTest {
  static Stream<Arguments> foldKeys() {
    return CaseTable.arguments(GoFoldCasesTest.class, "cases/fold-keys.txt");
  }

  @Test
  void namesTheUnicodeVersionOfItsTables() {
    // docs/verification.md names it; GoUnicodeTablesIT checks the tables against the toolchain's.
    assertThat(GoFold.unicodeVersion()).isEqualTo("15.0.0");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("foldKeys")
  void foldsNamesAsXModZip(CaseTable.Row row) {
    assertThat(GoFold.zipKey(row.arg(0))).as(row.where()).isEqualTo(row.want());
  }
}
