package dev.modmirror.core.sumdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modmirror.core.error.InvalidInputException;
import dev.modmirror.core.testdata.CaseTable;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The table {@code cases/sumdb-names.txt}, and the hash values the log is made of. */
class SumDbNamesTest {
  static Stream<Arguments> names() {
    return CaseTable.arguments(SumDbNamesTest.class, "cases/sumdb-names.txt");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("names")
  void takesOnlyHostAndPathNames(CaseTable.Row row) {
    String key = NoteSigner.of(row.arg(0), new byte[32], TestSumDb.SIGNER_PUBLIC).verifierKey();
    if (row.want().equals("ok")) {
      assertThat(SumDbSettings.parse(key, "").key().orElseThrow().name()).isEqualTo(row.arg(0));
      return;
    }
    assertThatThrownBy(() -> SumDbSettings.parse(key, ""))
        .as(row.where())
        .isExactlyInstanceOf(InvalidInputException.class)
        .hasMessage(row.want().substring("error ".length()));
  }

  @Test
  void hashesAreThirtyTwoBytesComparedByValue() {
    byte[] bytes = new byte[40];
    bytes[5] = 1;
    TlogHash h = TlogHash.of(bytes, 4, 36);
    assertThat(h.bytes()).hasSize(32).startsWith(0, 1);
    assertThat(h).isEqualTo(TlogHash.of(h.bytes())).isNotEqualTo(TlogHash.ZERO);
    Set<TlogHash> set = new HashSet<>();
    set.add(h);
    set.add(TlogHash.of(h.bytes()));
    set.add(TlogHash.ZERO);
    assertThat(set).hasSize(2);
    assertThat(TlogHash.parse(h.toString())).isEqualTo(h);
    assertThatThrownBy(() -> TlogHash.of(bytes, 4, 35))
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessage("hash must have 32 bytes, got 31");
    assertThatThrownBy(() -> TlogHash.of(new byte[33]))
        .hasMessage("hash must have 32 bytes, got 33");
  }
}
