package dev.modmirror.core.module;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modmirror.gotool.GoOracle;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * go-fold.txt is what the Go toolchain's unicode tables say today: regenerated with the Go oracle
 * and compared line by line. When Go moves to a new Unicode version this fails; regenerate the file
 * (see its header) and commit it.
 */
class GoUnicodeTablesIT {
  @Test
  void foldTableEqualsTheGoToolchains() throws IOException {
    GoOracle.Answer answer;
    try (GoOracle oracle = GoOracle.start()) {
      answer = oracle.ask("foldtable");
    }
    String checkedIn;
    try (InputStream in = GoFold.class.getResourceAsStream("go-fold.txt")) {
      checkedIn = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
    }
    String table =
        checkedIn
            .lines()
            .filter(l -> !l.startsWith("#"))
            .collect(Collectors.joining("\n", "", "\n"));
    List<String> results = answer.results();
    assertThat(GoFold.unicodeVersion()).isEqualTo(results.get(0));
    assertThat(table).isEqualTo(results.get(1));
  }

  @Test
  void letterTableEqualsTheGoToolchains() throws IOException {
    GoOracle.Answer answer;
    try (GoOracle oracle = GoOracle.start()) {
      answer = oracle.ask("lettertable");
    }
    String checkedIn;
    try (InputStream in = GoLetters.class.getResourceAsStream("go-letters.txt")) {
      checkedIn = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
    }
    String table =
        checkedIn
            .lines()
            .filter(l -> !l.startsWith("#"))
            .collect(Collectors.joining("\n", "", "\n"));
    assertThat(GoLetters.unicodeVersion()).isEqualTo(answer.results().get(0));
    assertThat(table).isEqualTo(answer.results().get(1));
  }

  @Test
  void knowsTheLettersJava17DoesNot() {
    // U+2C5F (Glagolitic small letter caudate chrivi) is a letter since Unicode 14.
    assertThat(GoLetters.isLetter(0x2c5f)).isTrue();
    assertThat(Character.isLetter(0x2c5f)).isFalse();
    assertThat(GoLetters.isLetter('a')).isTrue();
    assertThat(GoLetters.isLetter('1')).isFalse();
  }

  @Test
  void foldsThePairsJava17DoesNotKnow() {
    // Unicode 14 added Glagolitic U+2C2F/U+2C5F; Java 17's tables (Unicode 13) have no mapping.
    assertThat(GoFold.zipKey("\u2c5f")).isEqualTo(GoFold.zipKey("\u2c2f"));
    assertThat(Character.toUpperCase(0x2c5f)).isEqualTo(0x2c5f);
  }
}
