package dev.modmirror.core.testdata;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modmirror.gotool.GoOracle;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Go referees the case tables: every row of a table in {@link GoReferee#REFEREED} is asked of the
 * Go oracle (golang.org/x/mod at the version {@code gotool/oracle/go.mod} pins, and Go's standard
 * library), and Go's answer must be the row's outcome, except for the rows {@link
 * GoReferee#DELIBERATE} lists with a reason. One oracle process answers all tables.
 */
class CaseTablesGoIT {
  private static GoOracle oracle;

  @BeforeAll
  static void start() {
    oracle = GoOracle.start();
  }

  @AfterAll
  static void stop() {
    oracle.close();
  }

  static Stream<String> tables() {
    return GoReferee.REFEREED.keySet().stream().sorted();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("tables")
  void goAnswersEveryRowAsTheTableSays(String table) {
    List<CaseTable.Row> rows = new ArrayList<>();
    List<GoReferee.Asked> asked = new ArrayList<>();
    for (CaseTable.Row row : GoReferee.rows(table)) {
      GoReferee.Asked a = GoReferee.REFEREED.get(table).apply(row);
      if (a != null) {
        rows.add(row);
        asked.add(a);
      }
    }
    List<GoOracle.Answer> answers =
        oracle.askAll(asked.stream().map(GoReferee.Asked::query).toList());
    List<String> differences = new ArrayList<>();
    int deliberate = 0;
    for (int i = 0; i < rows.size(); i++) {
      CaseTable.Row row = rows.get(i);
      String go = asked.get(i).words().apply(answers.get(i));
      boolean same = asked.get(i).same().test(go, row.want());
      String why = GoReferee.DELIBERATE.get(GoReferee.rowKey(table, row));
      if (why != null) {
        // A deliberate difference that is no longer one must leave the list.
        assertThat(same).as(row.where() + " is listed as deliberate but Go agrees").isFalse();
        deliberate++;
      } else if (!same) {
        differences.add(
            row.where() + " " + row.args() + "\n  want " + row.want() + "\n  go   " + go);
      }
    }
    System.out.printf(
        "%s: %d rows asked of Go, %d deliberate differences%n", table, rows.size(), deliberate);
    assertThat(rows).as(table + ": rows asked of Go").isNotEmpty();
    assertThat(differences).as(table + ": rows where Go answers otherwise").isEmpty();
  }
}
