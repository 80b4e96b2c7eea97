package dev.modmirror.core.sumdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modmirror.core.sumdb.SumDbException.Rule;
import dev.modmirror.core.testdata.CaseTable;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The table {@code cases/lookup-records.txt}, and the record format that the client relies on. */
class LookupRecordTest {
  static Stream<Arguments> records() {
    return CaseTable.arguments(LookupRecordTest.class, "cases/lookup-records.txt");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("records")
  void parsesLookupAnswersAsXMod(CaseTable.Row row) {
    // The table writes bytes: every character is one byte (ISO-8859-1), \xHH included.
    byte[] msg = row.arg(0).getBytes(StandardCharsets.ISO_8859_1);
    if (row.want().equals("malformed")) {
      assertThatThrownBy(() -> LookupRecord.parse(msg))
          .as(row.where())
          .isInstanceOfSatisfying(
              SumDbException.class,
              e -> {
                assertThat(e.rule()).isEqualTo(Rule.MALFORMED_RESPONSE);
                assertThat(e).hasMessage("sumdb-malformed-response: malformed lookup record");
              });
      return;
    }
    LookupRecord r = LookupRecord.parse(msg);
    assertThat(
            "id=%d text=[%s] note=[%s]"
                .formatted(
                    r.id(), show(r.text()), show(new String(r.treeNote(), StandardCharsets.UTF_8))))
        .as(row.where())
        .isEqualTo(row.want());
  }

  /** Control characters escaped as the table writes them. */
  private static String show(String s) {
    StringBuilder out = new StringBuilder();
    s.codePoints()
        .forEach(
            c -> {
              if (c == '\n') {
                out.append("\\n");
              } else if (c == '\t') {
                out.append("\\t");
              } else if (c < 0x20 || c == 0x7f) {
                out.append(String.format("\\x%02x", c));
              } else {
                out.appendCodePoint(c);
              }
            });
    return out.toString();
  }

  @Test
  void formatsWhatItParses() {
    String text = "example.com/m v1.0.0 h1:x\nexample.com/m v1.0.0/go.mod h1:y\n";
    String answer = LookupRecord.format(42, text);
    assertThat(answer).isEqualTo("42\n" + text + "\n");
    LookupRecord r = LookupRecord.parse((answer + "tree note\n").getBytes(StandardCharsets.UTF_8));
    assertThat(r.id()).isEqualTo(42);
    assertThat(r.text()).isEqualTo(text);
    assertThat(r.treeNote()).asString(StandardCharsets.UTF_8).isEqualTo("tree note\n");
  }

  @Test
  void refusesToFormatTextThatWouldNotParse() {
    for (String bad : new String[] {"", "a", "a\n\nb\n", "a\tb\n", "a\uFFFDb\n", "\u0000\n"}) {
      assertThatThrownBy(() -> LookupRecord.format(1, bad))
          .as(bad)
          .isExactlyInstanceOf(IllegalArgumentException.class)
          .hasMessage("invalid record text");
    }
    assertThat(LookupRecord.format(0, "\n")).isEqualTo("0\n\n\n");
  }
}
