package dev.modmirror.core.sumdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modmirror.core.testdata.CaseTable;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The table {@code cases/proofs.txt}: proofs at and one past every bound. */
class TlogProofsTest {
  private static final int SIZE = 40;
  private static final MemoryLog LOG = new MemoryLog(8);

  static {
    for (int i = 0; i < SIZE; i++) {
      LOG.add("leaf " + i);
    }
  }

  static Stream<Arguments> proofs() {
    return CaseTable.arguments(TlogProofsTest.class, "cases/proofs.txt");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("proofs")
  void provesAndChecksAtEveryBound(CaseTable.Row row) {
    long t = Long.parseLong(row.arg(1));
    long second = Long.parseLong(row.arg(2));
    String got =
        switch (row.arg(0)) {
          case "prove-record" -> proof(() -> TlogProofs.proveRecord(t, second, LOG));
          case "prove-tree" -> proof(() -> TlogProofs.proveTree(t, second, LOG));
          case "check-record" -> {
            int p = Integer.parseInt(row.arg(3));
            List<TlogHash> proof = TlogProofs.proveRecord(t, p, LOG);
            yield String.valueOf(
                TlogProofs.checkRecord(proof, t, tree(t), second, Tlog.recordHash("leaf " + p)));
          }
          case "check-tree" -> {
            int p = Integer.parseInt(row.arg(3));
            List<TlogHash> proof = TlogProofs.proveTree(t, p, LOG);
            yield String.valueOf(TlogProofs.checkTree(proof, t, tree(t), second, tree(p)));
          }
          default -> throw new IllegalArgumentException(row.where() + ": unknown op");
        };
    assertThat(got).as(row.where()).isEqualTo(row.want());
  }

  private static TlogHash tree(long n) {
    return Tlog.treeHash(n, LOG);
  }

  private interface Prover {
    List<TlogHash> prove();
  }

  private static String proof(Prover prover) {
    try {
      return "proof of " + prover.prove().size() + " hashes";
    } catch (IllegalArgumentException e) {
      return "error " + e.getMessage();
    }
  }

  @org.junit.jupiter.api.Test
  void refusesProofsOfTheWrongLength() {
    List<TlogHash> proof = TlogProofs.proveRecord(5, 2, LOG);
    TlogHash leaf = Tlog.recordHash("leaf 2");
    assertThat(TlogProofs.checkRecord(proof, 5, tree(5), 2, leaf)).isTrue();
    assertThat(TlogProofs.checkRecord(proof.subList(0, 2), 5, tree(5), 2, leaf)).isFalse();
    List<TlogHash> longer = new java.util.ArrayList<>(proof);
    longer.add(0, tree(1));
    assertThat(TlogProofs.checkRecord(longer, 5, tree(5), 2, leaf)).isFalse();
    List<TlogHash> treeProof = TlogProofs.proveTree(7, 3, LOG);
    assertThat(TlogProofs.checkTree(treeProof, 7, tree(7), 3, tree(3))).isTrue();
    assertThat(TlogProofs.checkTree(treeProof.subList(1, treeProof.size()), 7, tree(7), 3, tree(3)))
        .isFalse();
    assertThat(TlogProofs.checkTree(List.of(), 7, tree(7), 3, tree(3))).isFalse();
    assertThatThrownBy(() -> TlogProofs.proveRecord(50, 45, LOG))
        .isInstanceOf(IndexOutOfBoundsException.class);
  }
}
