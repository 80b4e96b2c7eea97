package dev.modmirror.core.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The index's own line shape is read without a map, and decides every line as the general reader
 * does: a line either takes the fast path with the same result, or is left to {@link FlatJson}.
 */
class IndexShapeTest {
  private static final List<String> USUAL =
      List.of(
          "{\"Path\":\"github.com/Azure/go-autorest\",\"Version\":\"v14.2.0+incompatible\","
              + "\"Timestamp\":\"2019-04-10T19:08:52.997264123Z\"}",
          "{\"Path\":\"golang.org/x/text\",\"Version\":\"v0.3.7\",\"Timestamp\":\"2020-01-01T00:00:00Z\"}",
          "{\"Path\":\"example.com/m/v2\",\"Version\":\"v2.0.0-20191109021931-daa7c04131f5\","
              + "\"Timestamp\":\"2020-01-01T00:00:00.5Z\"}");

  @Test
  void theIndexsOwnLinesTakeTheFastPath() {
    for (String line : USUAL) {
      assertThat(IndexShape.parse(line)).isNotNull().isEqualTo(IndexShape.general(line));
      assertThat(IndexShape.parse(line)).isInstanceOf(IndexLine.Valid.class);
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        // Same shape, values the rules refuse: decided on the fast path, with the general verdict.
        "{\"Path\":\"../../etc/passwd\",\"Version\":\"v1.0.0\",\"Timestamp\":\"2020-01-01T00:00:00Z\"}",
        "{\"Path\":\"example.com/m\",\"Version\":\"1.0\",\"Timestamp\":\"2020-01-01T00:00:00Z\"}",
        "{\"Path\":\"example.com/m\",\"Version\":\"v1.0.0\",\"Timestamp\":\"yesterday\"}",
        "{\"Path\":\"\",\"Version\":\"\",\"Timestamp\":\"\"}",
        "{\"Path\":\"Example.com/m\",\"Version\":\"v1.0.0\",\"Timestamp\":\"2020-01-01T00:00:00Z\"}",
        "{\"Path\":\"example.com/CON\",\"Version\":\"v1.0.0\",\"Timestamp\":\"2020-01-01T00:00:00Z\"}",
        "{\"Path\":\"example.com/a~1\",\"Version\":\"v1.0.0\",\"Timestamp\":\"2020-01-01T00:00:00Z\"}",
        "{\"Path\":\"exämple.com/m\",\"Version\":\"v1.0.0\",\"Timestamp\":\"2020-01-01T00:00:00Z\"}",
        "{\"Path\":\"example.com/m\",\"Version\":\"v1.0.0\",\"Timestamp\":\"2020-01-01T00:00:00+01:00\"}",
        // Other shapes: left to FlatJson.
        "{\"Path\":\"example.com/m\",\"Version\":\"v1.0.0\",\"Timestamp\":\"2020-01-01T00:00:00Z\"} ",
        "{\"Path\":\"example.com/m\",\"Version\":\"v1.0.0\",\"Timestamp\":\"2020-01-01T00:00:00Z\"}}",
        "{\"Path\":\"example.com/m\",\"Version\":\"v1.0.0\",\"Timestamp\":\"2020-01-01T00:00:00Z\",\"X\":1}",
        "{\"Path\":\"exa\\u006dple.com/m\",\"Version\":\"v1.0.0\",\"Timestamp\":\"2020-01-01T00:00:00Z\"}",
        "{\"Path\":\"example.com/m\u0001\",\"Version\":\"v1.0.0\",\"Timestamp\":\"2020-01-01T00:00:00Z\"}",
        "{\"Path\":\"example.com/m\",\"Version\":\"v1.0.0\",\"Timestamp\":\"2020-01-01T00:00:00Z",
        "{\"Path\":\"example.com/m\",\"Version\":\"v1.0.0\"}",
        "{\"Version\":\"v1.0.0\",\"Path\":\"example.com/m\",\"Timestamp\":\"2020-01-01T00:00:00Z\"}",
        "{\"Path\":\"example.com/m\",\"Path\":\"x\",\"Version\":\"v1.0.0\",\"Timestamp\":\"2020-01-01T00:00:00Z\"}",
        "{\"Path\":\"",
        "{\"Path\":",
        "not json",
        ""
      })
  void anyLineIsDecidedAsTheGeneralReaderDecidesIt(String line) {
    assertThat(IndexLine.parse(line)).isEqualTo(IndexShape.general(line));
  }

  @Test
  void mutatedLinesAreDecidedAsTheGeneralReaderDecidesThem() {
    String alphabet = "\"\\ {}:,@/.~-+_0123456789vVZT\u0000\u001f\u007f\u00e9\ud83d\ude00abcXYZ";
    Random random = new Random(11);
    int fast = 0;
    for (int i = 0; i < 10_000; i++) {
      StringBuilder line = new StringBuilder(USUAL.get(random.nextInt(USUAL.size())));
      for (int k = 1 + random.nextInt(3); k > 0; k--) {
        int at = random.nextInt(line.length() + 1);
        char c = alphabet.charAt(random.nextInt(alphabet.length()));
        switch (random.nextInt(3)) {
          case 0 -> line.insert(at, c);
          case 1 -> {
            if (at < line.length()) {
              line.deleteCharAt(at);
            }
          }
          default -> {
            if (at < line.length()) {
              line.setCharAt(at, c);
            }
          }
        }
      }
      String text = line.toString();
      IndexLine usual = IndexShape.parse(text);
      if (usual != null) {
        fast++;
        assertThat(usual).as(text).isEqualTo(IndexShape.general(text));
      }
      assertThat(IndexLine.parse(text)).as(text).isEqualTo(IndexShape.general(text));
    }
    // The mutations must also exercise the fast path, not only the fallback.
    assertThat(fast).isGreaterThan(1_000);
  }
}
