package dev.modmirror.adapters.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modmirror.core.error.InvalidInputException;
import dev.modmirror.core.webhook.BranchFetch;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A branch fetch's record on Kafka: what is written reads back, anything else names its flaw. */
class KafkaBranchFetchesTest {

  @Test
  void aFetchReadsBackAsWritten() {
    BranchFetch fetch =
        new BranchFetch("github", "org/repo", "9f1c2d3", List.of("go.mod", "tools/go.mod"));
    assertThat(KafkaBranchFetches.read(KafkaBranchFetches.write(fetch))).isEqualTo(fetch);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "'{' | not JSON: ",
        "[] | not a JSON object",
        "'\"text\"' | not a JSON object",
        "{\"provider\":\"github\"} | schema  unknown",
        "{\"schema\":2,\"provider\":\"github\",\"repository\":\"o/r\",\"commit\":\"c\",\"files\":[\"go.mod\"]} | schema 2 unknown",
        "{\"schema\":\"1\",\"provider\":\"github\",\"repository\":\"o/r\",\"commit\":\"c\",\"files\":[\"go.mod\"]} | schema \"1\" unknown",
        "{\"schema\":1,\"provider\":\"github\",\"repository\":\"o/r\",\"commit\":\"c\",\"files\":[]} | files must be an array of 1 to 1000 paths",
        "{\"schema\":1,\"provider\":\"github\",\"repository\":\"o/r\",\"commit\":\"c\",\"files\":\"go.mod\"} | files must be an array of 1 to 1000 paths",
        "{\"schema\":1,\"provider\":\"github\",\"repository\":\"o/r\",\"commit\":\"c\",\"files\":[1]} | files must be strings",
        "{\"schema\":1,\"repository\":\"o/r\",\"commit\":\"c\",\"files\":[\"go.mod\"]} | provider must be a non-empty string",
        "{\"schema\":1,\"provider\":\"github\",\"repository\":\"\",\"commit\":\"c\",\"files\":[\"go.mod\"]} | repository must be a non-empty string",
        "{\"schema\":1,\"provider\":\"github\",\"repository\":\"o/r\",\"commit\":7,\"files\":[\"go.mod\"]} | commit must be a non-empty string",
      })
  void aRecordThatIsNotAFetchIsRefusedNamingItsFlaw(String value, String message) {
    assertThatThrownBy(() -> KafkaBranchFetches.read(value.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageStartingWith(message.strip());
  }

  @Test
  void emptyOversizedAndOverlongRecordsAreRefused() {
    assertThatThrownBy(() -> KafkaBranchFetches.read(new byte[0]))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("empty record");
    assertThatThrownBy(() -> KafkaBranchFetches.read(null))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("empty record");
    assertThatThrownBy(() -> KafkaBranchFetches.read(new byte[256 * 1024 + 1]))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("record of 262145 bytes: not a fetch");
    List<String> many = Collections.nCopies(KafkaBranchFetches.MAX_FILES + 1, "go.mod");
    byte[] tooMany = KafkaBranchFetches.write(new BranchFetch("github", "o/r", "c", many));
    assertThatThrownBy(() -> KafkaBranchFetches.read(tooMany))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("files must be an array of 1 to 1000 paths");
    List<String> most = Collections.nCopies(KafkaBranchFetches.MAX_FILES, "go.mod");
    assertThat(
            KafkaBranchFetches.read(
                    KafkaBranchFetches.write(new BranchFetch("github", "o/r", "c", most)))
                .files())
        .hasSize(KafkaBranchFetches.MAX_FILES);
  }
}
