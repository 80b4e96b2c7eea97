package dev.modmirror.testkit.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class Rfc3339Test {

  @Test
  void formatsLikeGoRfc3339Nano() {
    assertThat(Rfc3339.format(Instant.parse("2019-04-10T19:08:52.997264Z")))
        .isEqualTo("2019-04-10T19:08:52.997264Z");
    assertThat(Rfc3339.format(Instant.parse("2019-04-10T19:08:52.120Z")))
        .isEqualTo("2019-04-10T19:08:52.12Z");
    assertThat(Rfc3339.format(Instant.parse("2019-04-10T19:08:52Z")))
        .isEqualTo("2019-04-10T19:08:52Z");
    assertThat(Rfc3339.format(Instant.parse("2019-04-10T19:08:52.000000001Z")))
        .isEqualTo("2019-04-10T19:08:52.000000001Z");
  }

  @Test
  void parsesFractionsAndOffsets() {
    assertThat(Rfc3339.parse("2019-04-10T21:08:52.5+02:00"))
        .isEqualTo(Instant.parse("2019-04-10T19:08:52.5Z"));
    assertThatThrownBy(() -> Rfc3339.parse("yesterday"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void writesIndexJsonLine() {
    assertThat(IndexEntry.of("example.com/A", "v1.0.0", "2019-04-10T19:08:52.9Z").toJson())
        .isEqualTo(
            "{\"Path\":\"example.com/A\",\"Version\":\"v1.0.0\","
                + "\"Timestamp\":\"2019-04-10T19:08:52.9Z\"}");
  }
}
