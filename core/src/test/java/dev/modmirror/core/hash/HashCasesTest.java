package dev.modmirror.core.hash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modmirror.core.error.InvalidInputException;
import dev.modmirror.core.testdata.CaseTable;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The tables {@code cases/dirhash.txt} and {@code cases/go-sum-lines.txt}. */
class HashCasesTest {
  static Stream<Arguments> dirhash() {
    return CaseTable.arguments(HashCasesTest.class, "cases/dirhash.txt");
  }

  static Stream<Arguments> goSumLines() {
    return CaseTable.arguments(HashCasesTest.class, "cases/go-sum-lines.txt");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dirhash")
  void hashesFilesAsDirhash(CaseTable.Row row) {
    Map<String, DirHash.Content> files = new LinkedHashMap<>();
    for (int i = 0; i + 1 < row.args().size(); i += 2) {
      byte[] content = row.arg(i + 1).getBytes(StandardCharsets.UTF_8);
      files.put(row.arg(i), () -> new ByteArrayInputStream(content));
    }
    if (row.want().startsWith("error ")) {
      assertThatThrownBy(() -> DirHash.hashFiles(files))
          .as(row.where())
          .isExactlyInstanceOf(InvalidInputException.class)
          .hasMessage(row.want().substring("error ".length()));
      return;
    }
    assertThat(DirHash.hashFiles(files)).as(row.where()).isEqualTo(row.want());
    if (files.size() == 1 && files.containsKey("go.mod")) {
      byte[] mod = row.arg(1).getBytes(StandardCharsets.UTF_8);
      assertThat(DirHash.hashGoMod(mod)).isEqualTo(row.want());
      assertThat(DirHash.hashGoMod(new ByteArrayInputStream(mod))).isEqualTo(row.want());
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("goSumLines")
  void parsesGoSumLines(CaseTable.Row row) {
    String line = row.arg(0);
    if (row.want().startsWith("error ")) {
      assertThatThrownBy(() -> GoSumLine.parse(line))
          .as(row.where())
          .isExactlyInstanceOf(InvalidInputException.class)
          .hasMessage(row.want().substring("error ".length()));
      return;
    }
    GoSumLine l = GoSumLine.parse(line);
    assertThat((l.goMod() ? "go.mod " : "zip ") + l.ref() + " " + l.hash())
        .as(row.where())
        .isEqualTo(row.want());
    assertThat(l.format()).isEqualTo(line);
    assertThat(l).hasToString(line);
  }

  @org.junit.jupiter.api.Test
  void aHashHasNoBlankOrControlCharacterWhateverBuildsIt() {
    dev.modmirror.core.module.ModuleRef ref =
        dev.modmirror.core.module.ModuleRef.of("example.com/m", "v1.0.0");
    for (String bad : new String[] {"h1:a b", "h1:a\u0000", ":a", "h1:", "h1"}) {
      assertThatThrownBy(() -> new GoSumLine(ref, false, bad))
          .as(bad)
          .isExactlyInstanceOf(InvalidInputException.class)
          .hasMessage("malformed go.sum hash: " + bad);
    }
    assertThat(new GoSumLine(ref, true, "h1:!").format())
        .isEqualTo("example.com/m v1.0.0/go.mod h1:!");
  }
}
