package dev.modmirror.adapters.json;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modmirror.core.event.RequestSource;
import dev.modmirror.core.event.VersionRequested;
import dev.modmirror.core.module.ModuleRef;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The hand-written {@link VersionRequested} writer gives Jackson's bytes, or leaves it to Jackson.
 */
class VersionRequestedJsonTest {
  private final EventJson json = EventJson.create();

  private static final List<ModuleRef> REFS =
      List.of(
          ModuleRef.of("github.com/Azure/azure-sdk-for-go", "v1.2.3"),
          ModuleRef.of("golang.org/x/text", "v0.0.0-20191109021931-daa7c04131f5"),
          ModuleRef.of("gopkg.in/yaml.v3", "v3.0.0-rc.1"),
          ModuleRef.of("example.com/m/v2", "v2.0.0"),
          ModuleRef.of("example.com/a~b_c-d.e", "v10.20.30-alpha.1.x-y"));

  @ParameterizedTest
  @ValueSource(
      strings = {
        "2026-11-25T10:15:30Z",
        "2026-11-25T10:15:30.1Z",
        "2026-11-25T10:15:30.120Z",
        "2026-11-25T10:15:30.123400Z",
        "2026-11-25T10:15:30.123456789Z",
        "2026-11-25T10:15:30.000000001Z",
        "2026-11-25T10:15:30.001Z",
        "1000-01-01T00:00:00Z",
        "9999-12-31T23:59:59.999999999Z",
        "1970-01-01T00:00:00Z",
        "0999-12-31T23:59:59Z",
        "+10000-01-01T00:00:00Z",
        "-0001-01-01T00:00:00.5Z"
      })
  void instantsAreWrittenAsJacksonWritesThem(String at) {
    for (ModuleRef ref : REFS) {
      sameBytes(VersionRequested.of(ref, RequestSource.INDEX, "index:" + at, Instant.parse(at)));
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "services/api/go.mod",
        "a \"quoted\" origin",
        "back\\slash",
        "tab\there",
        "new\nline",
        "nul\u0000",
        "del\u007f",
        "unit\u001f",
        "caf\u00e9",
        "emoji \ud83d\ude00",
        "lone \ud83d surrogate",
        "</script>"
      })
  void originsAreEscapedAsJacksonEscapesThem(String origin) {
    for (RequestSource source : RequestSource.values()) {
      sameBytes(
          VersionRequested.of(
              REFS.get(0), source, origin, Instant.parse("2026-11-25T10:15:30.5Z")));
    }
  }

  @Test
  void randomInstantsAndOriginsMatchJackson() {
    Random random = new Random(7);
    for (int i = 0; i < 5_000; i++) {
      long seconds = random.nextLong(-62_000_000_000L, 260_000_000_000L);
      int nanos =
          switch (random.nextInt(4)) {
            case 0 -> 0;
            case 1 -> random.nextInt(1000) * 1_000_000;
            case 2 -> random.nextInt(1_000_000) * 1000;
            default -> random.nextInt(1_000_000_000);
          };
      StringBuilder origin = new StringBuilder();
      for (int k = random.nextInt(12); k > 0; k--) {
        origin.append(
            (char) (random.nextInt(8) == 0 ? random.nextInt(0x3000) : 0x20 + random.nextInt(0x5f)));
      }
      sameBytes(
          VersionRequested.of(
              REFS.get(random.nextInt(REFS.size())),
              RequestSource.values()[random.nextInt(RequestSource.values().length)],
              origin.toString(),
              Instant.ofEpochSecond(seconds, nanos)));
    }
  }

  @Test
  void theHandWriterIsUsedForTheIndexsOwnShape() {
    VersionRequested request =
        VersionRequested.of(
            REFS.get(1),
            RequestSource.INDEX,
            "index:2019-04-10T19:08:52.99726Z",
            Instant.parse("2026-11-25T10:15:30.123Z"));
    assertThat(VersionRequestedJson.write(request)).isNotNull();
    assertThat(new String(json.write(request), StandardCharsets.UTF_8))
        .isEqualTo(
            "{\"schema\":1,\"module\":\"golang.org/x/text\","
                + "\"version\":\"v0.0.0-20191109021931-daa7c04131f5\",\"source\":\"INDEX\","
                + "\"origin\":\"index:2019-04-10T19:08:52.99726Z\","
                + "\"requestedAt\":\"2026-11-25T10:15:30.123Z\"}");
  }

  private void sameBytes(VersionRequested request) {
    String expected = new String(json.writeGeneric(request), StandardCharsets.UTF_8);
    assertThat(new String(json.write(request), StandardCharsets.UTF_8))
        .as("%s", request)
        .isEqualTo(expected);
    byte[] fast = VersionRequestedJson.write(request);
    if (fast != null) {
      assertThat(new String(fast, StandardCharsets.UTF_8)).isEqualTo(expected);
    }
  }
}
