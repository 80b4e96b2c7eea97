package dev.modmirror.adapters.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link IsoInstant} writes what JavaTimeModule writes, and reads back what it writes. */
class IsoInstantTest {
  // The event mapper's Instant form before IsoInstant: JavaTimeModule, dates not as timestamps.
  private static final ObjectMapper JACKSON =
      JsonMapper.builder()
          .addModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .build();

  @ParameterizedTest
  @ValueSource(
      strings = {
        "2026-11-25T10:15:30Z",
        "2026-11-25T10:15:30.100Z",
        "2026-11-25T10:15:30.120Z",
        "2026-11-25T10:15:30.123400Z",
        "2026-11-25T10:15:30.123456789Z",
        "2026-11-25T10:15:30.000000001Z",
        "2026-11-25T10:15:30.000001Z",
        "2026-11-25T10:15:30.001Z",
        "2026-11-25T10:15:00Z",
        "2026-11-25T00:00:00Z",
        "2024-02-29T23:59:59.999999999Z",
        "1969-12-31T23:59:59.999Z",
        "1970-01-01T00:00:00Z",
        "0000-01-01T00:00:00Z",
        "0999-12-31T23:59:59Z",
        "9999-12-31T23:59:59.999999999Z",
        "+10000-01-01T00:00:00Z",
        "-0001-12-31T23:59:59.5Z",
        "-1000000000-01-01T00:00:00Z",
        "+1000000000-12-31T23:59:59.999999999Z"
      })
  void writesEdgesAsJacksonAndToStringDo(String text) throws JsonProcessingException {
    Instant at = Instant.parse(text);

    assertThat(IsoInstant.format(at)).isEqualTo(jackson(at)).isEqualTo(at.toString());
  }

  @Test
  void writesRandomInstantsAsJacksonDoesAndReadsThemBack() throws JsonProcessingException {
    Random random = new Random(10);
    for (int i = 0; i < 20_000; i++) {
      // Years -1000 to 12000: the hand-written years and either side of them.
      long seconds = -93_724_128_000L + Math.floorMod(random.nextLong(), 410_000_000_000L);
      int nanos =
          switch (random.nextInt(4)) {
            case 0 -> 0;
            case 1 -> random.nextInt(1_000) * 1_000_000;
            case 2 -> random.nextInt(1_000_000) * 1_000;
            default -> random.nextInt(1_000_000_000);
          };
      Instant at = Instant.ofEpochSecond(seconds, nanos);
      String written = IsoInstant.format(at);

      assertThat(written).isEqualTo(jackson(at));
      Instant read = IsoInstant.parse(written);
      if (read != null) {
        assertThat(read).isEqualTo(at);
      } else {
        int year = at.atZone(ZoneOffset.UTC).getYear();
        assertThat(year < 0 || year > 9999).as("%s read by Jackson", written).isTrue();
      }
    }
  }

  private static String jackson(Instant at) throws JsonProcessingException {
    String quoted = JACKSON.writeValueAsString(at);
    return quoted.substring(1, quoted.length() - 1);
  }
}
