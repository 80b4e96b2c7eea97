package dev.modmirror.gotool;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class GoOracleIT {
  @Test
  void answersManyCasesInOrderWithGoVerdicts() {
    try (GoOracle oracle = GoOracle.start()) {
      List<GoOracle.Answer> answers =
          oracle.askAll(
              List.of(
                  GoOracle.Query.of("version"),
                  GoOracle.Query.of("checkpath", "example.com/m"),
                  GoOracle.Query.of("checkpath", "Example.com/m"),
                  GoOracle.Query.of("fold", "K\u212a\u017f")));
      assertThat(answers.get(0).results().get(0)).startsWith("go1.");
      assertThat(answers.get(0).results().get(1)).isEqualTo("v0.30.0");
      assertThat(answers.get(1).ok()).isTrue();
      assertThat(answers.get(2).ok()).isFalse();
      assertThat(answers.get(2).error()).contains("invalid char").isNotBlank();
      assertThat(answers.get(3).result()).isEqualTo("kks");
    }
  }
}
