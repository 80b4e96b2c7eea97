package dev.modmirror.core.testdata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The readers must not lose or bend a case: a table that reads wrongly tests nothing. */
class CaseTableTest {
  @Test
  void readsBareAndQuotedArgumentsAndTheOutcome() {
    List<CaseTable.Row> rows =
        CaseTable.parse(
            "t.txt",
            """
            # comment

            a  "b c"\t""  =>  the rest, as written
            "\\x00\\t\\"\\\\\\ud800\\U0001F600" => "quoted \\"outcome\\""
            no-arrow x=>y
            only-arrow =>
            """);
    assertThat(rows)
        .containsExactly(
            new CaseTable.Row("t.txt:3", List.of("a", "b c", ""), "the rest, as written"),
            new CaseTable.Row(
                "t.txt:4", List.of("\u0000\t\"\\\ud800\uD83D\uDE00"), "quoted \"outcome\""),
            new CaseTable.Row("t.txt:5", List.of("no-arrow", "x=>y"), null),
            new CaseTable.Row("t.txt:6", List.of("only-arrow"), ""));
  }

  @Test
  void refusesMalformedLinesNamingFileAndLine() {
    for (String bad :
        List.of("\"open", "a\"b", "\"x\"y", "\"\\q\"", "\"\\x4\"", "\"\\uzzzz\"", "# nothing")) {
      assertThatThrownBy(() -> CaseTable.parse("bad.txt", bad))
          .as(bad)
          .isInstanceOf(IllegalStateException.class)
          .hasMessageStartingWith("bad.txt");
    }
    assertThatThrownBy(() -> CaseTable.parse("t.txt", "a => b").get(0).arg(1))
        .hasMessageContaining("t.txt:1");
    assertThatThrownBy(() -> CaseTable.parse("t.txt", "a").get(0).want())
        .hasMessageContaining("t.txt:1");
  }
}
