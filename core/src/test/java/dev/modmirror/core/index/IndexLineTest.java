package dev.modmirror.core.index;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modmirror.core.module.ModuleRef;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class IndexLineTest {

  @Test
  void readsAFeedLineWithNanoseconds() {
    IndexLine line =
        IndexLine.parse(
            "{\"Path\":\"github.com/Azure/go-autorest\",\"Version\":\"v14.2.0+incompatible\","
                + "\"Timestamp\":\"2019-04-10T19:08:52.997264123Z\"}");

    assertThat(line)
        .isEqualTo(
            new IndexLine.Valid(
                new IndexEntry(
                    ModuleRef.of("github.com/Azure/go-autorest", "v14.2.0+incompatible"),
                    Instant.parse("2019-04-10T19:08:52.997264123Z"))));
  }

  @Test
  void roundTripsTheIndexFormat() {
    IndexEntry entry =
        new IndexEntry(
            ModuleRef.of("golang.org/x/text", "v0.3.7"), Instant.parse("2020-01-01T00:00:00.5Z"));

    assertThat(entry.toJson()).contains("\"Timestamp\":\"2020-01-01T00:00:00.5Z\"");
    assertThat(IndexLine.parse(entry.toJson())).isEqualTo(new IndexLine.Valid(entry));
  }

  @Test
  void readsEscapesAndIgnoresUnknownFields() {
    IndexLine line =
        IndexLine.parse(
            " { \"Extra\" : 12.5e3 , \"Path\":\"example.com/\\u0061\",\"Version\":\"v1.0.0\","
                + "\"Timestamp\":\"2020-01-01T00:00:00Z\", \"Ok\": true } ");

    assertThat(line).isInstanceOf(IndexLine.Valid.class);
    assertThat(line.key()).isEqualTo("example.com/a@v1.0.0");
  }

  @Test
  void namesWhatIsWrongWithBadLines() {
    record Case(String line, String problem, boolean timed) {}
    List<Case> cases =
        List.of(
            new Case("not json", "not a JSON object: expected '{' at offset 0", false),
            new Case(
                "{\"Path\":\"a.b/c\"", "not a JSON object: unexpected end at offset 15", false),
            new Case("{\"Path\":{\"x\":1}}", "not a JSON object", false),
            new Case(
                "{\"Path\":\"example.com/a\",\"Timestamp\":\"2020-01-01T00:00:00Z\"}",
                "missing field Version",
                true),
            new Case(
                "{\"Path\":\"example.com/a\",\"Version\":\"v1.0.0\",\"Timestamp\":\"yesterday\"}",
                "bad Timestamp",
                false),
            new Case(
                "{\"Path\":\"../../etc/passwd\",\"Version\":\"v1.0.0\","
                    + "\"Timestamp\":\"2020-01-01T00:00:00Z\"}",
                "malformed module path \"../../etc/passwd\"",
                true),
            new Case(
                "{\"Path\":\"example.com/a\",\"Version\":\"1.0\","
                    + "\"Timestamp\":\"2020-01-01T00:00:00Z\"}",
                "1.0",
                true));
    for (Case c : cases) {
      IndexLine line = IndexLine.parse(c.line());
      assertThat(line).as(c.line()).isInstanceOf(IndexLine.Invalid.class);
      assertThat(((IndexLine.Invalid) line).problem()).as(c.line()).contains(c.problem());
      assertThat(line.timestamp().isPresent()).as(c.line()).isEqualTo(c.timed());
    }
  }

  @Test
  void readsTheIndexFormFastAndOtherOffsetsGenerally() {
    for (String t :
        List.of(
            "2019-04-10T19:08:52Z",
            "2019-04-10T19:08:52.9Z",
            "2019-04-10T19:08:52.000000001Z",
            "2024-02-29T23:59:59.123456789Z",
            "2019-04-10T19:08:52+02:00",
            "2019-04-10T19:08:52.5-07:30")) {
      assertThat(FeedTime.parse(t)).as(t).isEqualTo(java.time.OffsetDateTime.parse(t).toInstant());
    }
    for (String bad :
        List.of("2026-02-30T00:00:00Z", "2026-01-01T25:00:00Z", "2026-01-01 00:00:00Z")) {
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> FeedTime.parse(bad))
          .as(bad)
          .isInstanceOf(dev.modmirror.core.error.InvalidInputException.class);
    }
    java.util.Random random = new java.util.Random(42);
    for (int i = 0; i < 1000; i++) {
      Instant t =
          Instant.ofEpochSecond(random.nextInt(2_000_000_000), random.nextInt(1_000_000_000));
      assertThat(FeedTime.parse(FeedTime.format(t))).isEqualTo(t);
    }
  }

  @Test
  void formatsLikeGoRfc3339Nano() {
    assertThat(FeedTime.format(Instant.parse("2019-04-10T19:08:52.997260000Z")))
        .isEqualTo("2019-04-10T19:08:52.99726Z");
    assertThat(FeedTime.format(Instant.parse("2019-04-10T19:08:52Z")))
        .isEqualTo("2019-04-10T19:08:52Z");
    assertThat(FeedTime.format(Instant.parse("2019-04-10T19:08:52.000000001Z")))
        .isEqualTo("2019-04-10T19:08:52.000000001Z");
    assertThat(IndexLine.parse("{}").timestamp()).isEqualTo(Optional.empty());
  }
}
