package dev.modmirror.core.sumdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class TlogTest {
  static final String TREE =
      "go.sum database tree\n123456789012\nTszzRgjTG6xce+z2AG31kAXYKBgQVtCSCE40HmuwBb0=\n";

  @Test
  void hashesRecordsAsRfc6962AndFormatsTreeLikeGo() {
    Tree tree = new Tree(123456789012L, Tlog.recordHash("hello world"));
    assertThat(tree.format()).isEqualTo(TREE);
    assertThat(Tree.parse(TREE)).isEqualTo(tree);
    assertThat(Tree.parse(TREE + "JOE\n".repeat(10))).isEqualTo(tree);
  }

  @Test
  void rejectsMalformedTreeNotes() {
    for (String bad :
        List.of(
            "not-" + TREE,
            "go.sum database tree\n0xabcdef\nTszzRgjTG6xce+z2AG31kAXYKBgQVtCSCE40HmuwBb0=\n",
            "go.sum database tree\n123456789012\nTszzRgjTG6xce+z2AG31kAXYKBgQVtCSCE40HmuwBTOOBIG=\n",
            "go.sum database tree\n-1\nTszzRgjTG6xce+z2AG31kAXYKBgQVtCSCE40HmuwBb0=\n",
            "go.sum database tree\n1\nTszzRgjTG6xce+z2AG31kAXYKBgQVtCSCE40HmuwBb0=")) {
      assertThatThrownBy(() -> Tree.parse(bad)).as(bad).isInstanceOf(SumDbException.class);
    }
  }

  @Test
  void storedHashIndexRoundTripsAndCountsMatchStorage() {
    MemoryLog log = new MemoryLog(8);
    for (int i = 0; i < 300; i++) {
      log.add("leaf " + i);
      assertThat(Tlog.storedHashCount(log.size())).isEqualTo(log.hashes().size());
    }
    for (long index = 0; index < log.hashes().size(); index++) {
      long[] split = Tlog.splitStoredHashIndex(index);
      assertThat(Tlog.storedHashIndex((int) split[0], split[1])).isEqualTo(index);
    }
  }

  @Test
  void treeHashMatchesRecursiveDefinitionForEverySize() {
    MemoryLog log = new MemoryLog(8);
    for (int n = 1; n <= 70; n++) {
      log.add("leaf " + (n - 1));
      assertThat(log.tree().hash()).as("n=%d", n).isEqualTo(reference(0, n));
    }
  }

  /** RFC 6962 MTH(D[lo:hi]), written from the RFC directly. */
  private static TlogHash reference(long lo, long hi) {
    if (hi - lo == 1) {
      return Tlog.recordHash("leaf " + lo);
    }
    long k = 1;
    while (k * 2 < hi - lo) {
      k *= 2;
    }
    return Tlog.nodeHash(reference(lo, lo + k), reference(lo + k, hi));
  }

  @Test
  void recordAndTreeProofsVerifyForEveryPairOfSizesAndFailWhenTampered() {
    MemoryLog log = new MemoryLog(8);
    Tree[] trees = new Tree[41];
    for (int t = 1; t <= 40; t++) {
      log.add("leaf " + (t - 1));
      trees[t] = log.tree();
    }
    int checked = 0;
    for (int t = 1; t <= 40; t++) {
      for (int n = 0; n < t; n++) {
        List<TlogHash> p = TlogProofs.proveRecord(t, n, log);
        TlogHash leaf = Tlog.recordHash("leaf " + n);
        assertThat(TlogProofs.checkRecord(p, t, trees[t].hash(), n, leaf)).isTrue();
        assertThat(TlogProofs.checkRecord(p, t, trees[t].hash(), n, Tlog.recordHash("x")))
            .isFalse();
        if (n + 1 < t) {
          assertThat(TlogProofs.checkRecord(p, t, trees[t].hash(), n + 1, leaf)).isFalse();
        }
        List<TlogHash> tp = TlogProofs.proveTree(t, n + 1, log);
        assertThat(TlogProofs.checkTree(tp, t, trees[t].hash(), n + 1, trees[n + 1].hash()))
            .isTrue();
        if (n + 1 < t) {
          assertThat(TlogProofs.checkTree(tp, t, trees[t].hash(), n + 1, Tlog.recordHash("x")))
              .isFalse();
        }
        checked++;
      }
    }
    assertThat(checked).isEqualTo(40 * 41 / 2);
  }

  @org.junit.jupiter.api.Test
  void treeSizesAreCanonicalDecimalAsTlogParseTree() {
    String hash = "nND/nri/U0xuHUrYSy0HtMeal2vzD9V4k/BO79C+QeI=";
    org.assertj.core.api.Assertions.assertThat(
            Tree.parse("go.sum database tree\n2\n" + hash + "\n").n())
        .isEqualTo(2);
    for (String n : new String[] {"02", "00", "+2", "-0", "9223372036854775808"}) {
      org.assertj.core.api.Assertions.assertThatThrownBy(
              () -> Tree.parse("go.sum database tree\n" + n + "\n" + hash + "\n"))
          .isInstanceOfSatisfying(
              SumDbException.class,
              e ->
                  org.assertj.core.api.Assertions.assertThat(e.rule())
                      .isEqualTo(SumDbException.Rule.MALFORMED_RESPONSE));
    }
  }

  @org.junit.jupiter.api.Test
  void aRecordWithTwoLinesForTheVersionCountsTheFirstAsCmdGoDoes() {
    dev.modmirror.core.module.ModuleRef ref =
        dev.modmirror.core.module.ModuleRef.of("example.com/m", "v1.0.0");
    String text =
        "example.com/m v1.0.0 h2:x\nexample.com/m v1.0.0 h1:first=\nexample.com/m v1.0.0 h1:second=\n"
            + "example.com/m v1.0.0/go.mod h1:mod=\n";
    SumDbLines lines = SumDbLines.fromRecord(ref, text);
    org.assertj.core.api.Assertions.assertThat(lines.zipHash()).isEqualTo("h1:first=");
    org.assertj.core.api.Assertions.assertThat(lines.goModHash()).isEqualTo("h1:mod=");
  }
}
