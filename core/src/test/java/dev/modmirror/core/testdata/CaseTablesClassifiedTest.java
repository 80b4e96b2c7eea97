package dev.modmirror.core.testdata;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every case table is refereed by Go ({@code CaseTablesGoIT}) or says why it cannot be, and so is
 * every row class of a refereed table: a new table or row class cannot escape the referee silently.
 * Runs without Go.
 */
class CaseTablesClassifiedTest {
  @Test
  void everyTableIsRefereedOrSaysWhyNot() {
    List<String> tables = GoReferee.tables();
    assertThat(tables).contains("module/cases/file-paths.txt", "zip/cases");
    for (String table : tables) {
      assertThat(GoReferee.REFEREED.containsKey(table) || GoReferee.NO_REFEREE.containsKey(table))
          .as(table + " is neither refereed by Go nor listed with a reason")
          .isTrue();
    }
    assertThat(GoReferee.REFEREED.keySet()).allMatch(tables::contains);
    assertThat(GoReferee.NO_REFEREE.keySet())
        .allMatch(k -> tables.contains(k) || tables.contains(k.substring(0, k.indexOf(' '))));
  }

  @Test
  void everyRowOfARefereedTableIsAskedOrItsClassSaysWhyNot() {
    List<String> unexplained = new ArrayList<>();
    int asked = 0;
    for (var table : GoReferee.REFEREED.entrySet()) {
      for (CaseTable.Row row : GoReferee.rows(table.getKey())) {
        if (table.getValue().apply(row) != null) {
          asked++;
        } else if (!GoReferee.NO_REFEREE.containsKey(table.getKey() + " " + row.arg(0))) {
          unexplained.add(row.where());
        }
      }
    }
    assertThat(unexplained).isEmpty();
    assertThat(asked).isGreaterThan(500);
  }

  @Test
  void deliberateDifferencesNameRowsThatExist() {
    List<String> keys = new ArrayList<>();
    for (String table : GoReferee.REFEREED.keySet()) {
      for (CaseTable.Row row : GoReferee.rows(table)) {
        keys.add(GoReferee.rowKey(table, row));
      }
    }
    assertThat(keys).containsAll(GoReferee.DELIBERATE.keySet());
  }

  @Test
  void goSeesUnpairedSurrogatesAsInvalidUtf8AndTheRestAsUtf8() {
    assertThat(GoReferee.goBytes("a\u00e9\u4e2d\ud83d\ude00"))
        .isEqualTo("a\u00e9\u4e2d\ud83d\ude00".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    assertThat(GoReferee.goBytes("\ud800x"))
        .containsExactly((byte) 0xed, (byte) 0xa0, (byte) 0x80, (byte) 'x');
  }

  @Test
  void takesTheTextAfterAGoQuotedString() {
    assertThat(
            GoReferee.afterQuoted(
                "malformed file path \"a\\\"b: c\": bad", "malformed file path ", ": "))
        .isEqualTo("bad");
    assertThat(GoReferee.afterQuoted("other", "malformed file path ", ": ")).isEqualTo("other");
  }
}
