package dev.modmirror.core.module;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modmirror.core.error.InvalidInputException;
import dev.modmirror.core.testdata.CaseTable;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The table {@code cases/pseudo-versions.txt}: each version's parts as x/mod reads them. */
class PseudoVersionCasesTest {
  static Stream<Arguments> cases() {
    return CaseTable.arguments(PseudoVersionCasesTest.class, "cases/pseudo-versions.txt");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void readsPseudoVersionsAsXMod(CaseTable.Row row) {
    String v = row.arg(0);
    assertThat(Semver.isPseudo(v)).isEqualTo(!row.want().equals("not pseudo"));
    assertThat(PseudoVersion.parse(v).map(PseudoVersionCasesTest::describe).orElse("not pseudo"))
        .isEqualTo(row.want());
  }

  private static String describe(PseudoVersion p) {
    String time;
    try {
      time = p.time().toString();
    } catch (InvalidInputException e) {
      assertThat(e)
          .hasMessage(
              "pseudo-version \""
                  + p.version()
                  + "\" invalid: malformed time \""
                  + p.timestamp()
                  + "\"");
      assertThat(e.version()).contains(p.version());
      time = "malformed";
    }
    return "base=%s stamp=%s time=%s rev=%s build=%s"
        .formatted(p.base(), p.timestamp(), time, p.revision(), p.build());
  }
}
