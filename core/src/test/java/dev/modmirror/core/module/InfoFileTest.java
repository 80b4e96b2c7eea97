package dev.modmirror.core.module;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * .info read as cmd/go's proxyRepo.Stat reads it. What is accepted and refused, with the exact
 * message, is the table {@code cases/info-files.txt} ({@link InfoFileCasesTest}); here, what an
 * accepted one yields.
 */
class InfoFileTest {
  private static final ModuleRef REF = ModuleRef.of("example.com/m", "v1.0.0");

  private static InfoFile check(String json) {
    return InfoFile.check(json.getBytes(StandardCharsets.UTF_8), REF);
  }

  @Test
  void readsTheTimeAsAnInstant() {
    assertThat(check("{\"Version\":\"v1.0.0\",\"Time\":\"2019-01-02T03:04:05.5-01:30\"}").time())
        .contains(Instant.parse("2019-01-02T04:34:05.5Z"));
    assertThat(check("{\"Version\":\"v1.0.0\"}").time()).isEmpty();
  }
}
