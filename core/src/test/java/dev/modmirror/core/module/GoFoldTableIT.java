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
class GoFoldTableIT {
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
  void foldsThePairsJava17DoesNotKnow() {
    // Unicode 14 added Glagolitic U+2C2F/U+2C5F; Java 17's tables (Unicode 13) have no mapping.
    assertThat(GoFold.zipKey("\u2c5f")).isEqualTo(GoFold.zipKey("\u2c2f"));
    assertThat(Character.toUpperCase(0x2c5f)).isEqualTo(0x2c5f);
  }
}
