package dev.modmirror.core.sumdb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modmirror.core.sumdb.SumDbException.Rule;
import dev.modmirror.core.testdata.CaseTable;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The table {@code cases/tiles.txt}: tile paths, placement and reading at every bound. */
class TileCasesTest {
  private static final MemoryLog LOG = new MemoryLog(8);

  static {
    for (int i = 0; i < 300; i++) {
      LOG.add("leaf " + i);
    }
  }

  static Stream<Arguments> tiles() {
    return CaseTable.arguments(TileCasesTest.class, "cases/tiles.txt");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("tiles")
  void placesAndReadsTilesAsXMod(CaseTable.Row row) {
    String got =
        switch (row.arg(0)) {
          case "parse" -> {
            try {
              Tile t = Tile.parse(row.arg(1));
              assertThat(t.path()).isEqualTo(row.arg(1));
              yield "h=%d l=%d n=%d w=%d".formatted(t.h(), t.l(), t.n(), t.w());
            } catch (SumDbException e) {
              assertThat(e.rule()).isEqualTo(Rule.MALFORMED_RESPONSE);
              assertThat(e)
                  .hasMessage("sumdb-malformed-response: malformed tile path: " + row.arg(1));
              yield "malformed";
            }
          }
          case "for-index" -> Tile.forIndex(num(row, 1), Long.parseLong(row.arg(2))).path();
          case "new-tiles" ->
              Tile.newTiles(num(row, 1), Long.parseLong(row.arg(2)), Long.parseLong(row.arg(3)))
                  .stream()
                  .map(Tile::path)
                  .collect(Collectors.joining(" "));
          case "hash-at" -> {
            Tile t = new Tile(num(row, 1), num(row, 2), Long.parseLong(row.arg(3)), num(row, 4));
            try {
              t.hashAt(new byte[num(row, 5)], Long.parseLong(row.arg(6)));
              yield "ok";
            } catch (SumDbException e) {
              assertThat(e.rule()).isEqualTo(Rule.MALFORMED_RESPONSE);
              yield "error " + e.getMessage().substring("sumdb-malformed-response: ".length());
            }
          }
          case "read" -> {
            long n = Long.parseLong(row.arg(1));
            long index = Long.parseLong(row.arg(2));
            Tree tree = new Tree(n, Tlog.treeHash(n, LOG));
            try {
              TlogHash h = new TileHashReader(tree, LOG).readHashes(new long[] {index}).get(0);
              assertThat(h).isEqualTo(LOG.hashes().get((int) index));
              yield "ok";
            } catch (SumDbException e) {
              assertThat(e.rule()).isEqualTo(Rule.MALFORMED_RESPONSE);
              yield "error " + e.getMessage().substring("sumdb-malformed-response: ".length());
            }
          }
          default -> throw new IllegalArgumentException(row.where() + ": unknown op");
        };
    assertThat(got).as(row.where()).isEqualTo(row.want());
  }

  private static int num(CaseTable.Row row, int i) {
    return Integer.parseInt(row.arg(i));
  }
}
