package dev.modmirror.core.module;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modmirror.core.error.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** .info read as cmd/go's proxyRepo.Stat reads it (json.Unmarshal, then the version check). */
class InfoFileTest {
  private static final ModuleRef REF = ModuleRef.of("example.com/m", "v1.0.0");

  private static InfoFile check(String json) {
    return InfoFile.check(json.getBytes(StandardCharsets.UTF_8), REF);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"Version\":\"v1.0.0\",\"Time\":\"2019-01-02T03:04:05Z\"}",
        "{\"version\":\"v1.0.0\"}",
        "{\"VERSION\":\"v1.0.0\"}",
        "{\"Ver\u017fion\":\"v1.0.0\"}",
        "{\"Version\":\"\\u00761.0.0\"}",
        "{\"Version\":\"v9.0.0\",\"version\":\"v1.0.0\"}",
        "{\"Version\":\"v1.0.0\",\"Time\":null,\"Origin\":null}",
        "{\"Version\":\"v1.0.0\",\"Origin\":{\"VCS\":\"git\",\"Extra\":[1,{}]}}",
        "{\"Version\":\"v1.0.0\",\"Name\":7,\"Unknown\":{\"a\":[true,null,-1.5e3]}}",
        " \t\r\n{\"Version\":\"v1.0.0\"}\n",
        "{\"Version\":\"v1.0.0\",\"Time\":\"2019-01-02T3:04:05Z\"}",
        "{\"Version\":\"v1.0.0\",\"Time\":\"2019-01-02T03:04:05,5Z\"}",
        "{\"Version\":\"v1.0.0\",\"Time\":\"2019-01-02T03:04:05+24:00\"}",
      })
  void acceptsWhatGoAccepts(String json) {
    assertThat(check(json).version()).isEqualTo("v1.0.0");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"Version\":\"v1.0.0\",\"Time\":\"yesterday\"}",
        "{\"Version\":\"v1.0.0\",\"Time\":123}",
        "{\"Version\":\"v1.0.0\",\"Time\":\"2019\\u002d01-02T03:04:05Z\"}",
        "{\"Version\":\"v1.0.0\",\"Time\":\"2019-02-30T03:04:05Z\"}",
        "{\"Version\":\"v1.0.0\",\"Time\":\"2019-01-02T03:04:05\"}",
        "{\"Version\":\"v1.0.0\"} x",
        "{\"Version\":\"v1.0.0\",\"Version\":\"v9.0.0\"}",
        "{\"Version\":1}",
        "{\"Version\":\"v1.0.0\",\"Origin\":\"git\"}",
        "{\"Version\":\"v1.0.0\",\"Origin\":{\"Hash\":1}}",
        "{\"Version\":\"v1.0.0\",}",
        "[{\"Version\":\"v1.0.0\"}]",
        "null",
        "",
        "\ufeff{\"Version\":\"v1.0.0\"}",
        "{\"Vers\u0131on\":\"v1.0.0\"}",
      })
  void refusesWhatGoRefuses(String json) {
    assertThatThrownBy(() -> check(json)).isInstanceOf(InvalidInputException.class);
  }

  @org.junit.jupiter.api.Test
  void readsTheTimeAsAnInstant() {
    assertThat(check("{\"Version\":\"v1.0.0\",\"Time\":\"2019-01-02T03:04:05.5-01:30\"}").time())
        .contains(Instant.parse("2019-01-02T04:34:05.5Z"));
    assertThat(check("{\"Version\":\"v1.0.0\"}").time()).isEmpty();
  }
}
