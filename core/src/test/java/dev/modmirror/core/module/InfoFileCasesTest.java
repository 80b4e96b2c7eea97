package dev.modmirror.core.module;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modmirror.core.error.InvalidInputException;
import dev.modmirror.core.testdata.CaseTable;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The table {@code cases/info-files.txt}: a .info must name the version asked for. */
class InfoFileCasesTest {
  private static final ModuleRef REF = ModuleRef.of("example.com/m", "v1.2.3");

  static Stream<Arguments> infoFiles() {
    return CaseTable.arguments(InfoFileCasesTest.class, "cases/info-files.txt");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("infoFiles")
  void checksTheVersionItNames(CaseTable.Row row) {
    String json = row.arg(0);
    if (row.args().size() > 1) {
      int size = Integer.parseInt(row.arg(1));
      int close = json.lastIndexOf('}');
      json = json.substring(0, close) + " ".repeat(size - json.length()) + "}";
      assertThat(json).hasSize(size);
    }
    byte[] info = json.getBytes(StandardCharsets.UTF_8);
    if (row.want().equals("ok")) {
      InfoFile.check(info, REF);
      return;
    }
    assertThatThrownBy(() -> InfoFile.check(info, REF))
        .as(row.where())
        .isExactlyInstanceOf(InvalidInputException.class)
        .hasMessage(row.want().substring("error ".length()))
        .satisfies(e -> assertThat(((InvalidInputException) e).version()).contains("v1.2.3"));
  }
}
