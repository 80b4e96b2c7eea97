package dev.modmirror.adapters.json;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modmirror.core.error.InvalidInputException;
import dev.modmirror.core.event.DemandKind;
import dev.modmirror.core.event.DemandObserved;
import dev.modmirror.core.event.Event;
import dev.modmirror.core.event.FailureStatus;
import dev.modmirror.core.event.RegionReconciled;
import dev.modmirror.core.event.RegionReplicated;
import dev.modmirror.core.event.RequestSource;
import dev.modmirror.core.event.Topic;
import dev.modmirror.core.event.Topics;
import dev.modmirror.core.event.VersionConflict;
import dev.modmirror.core.event.VersionFailed;
import dev.modmirror.core.event.VersionPurged;
import dev.modmirror.core.event.VersionRequested;
import dev.modmirror.core.event.VersionWarmed;
import dev.modmirror.core.event.WarmOutcome;
import dev.modmirror.core.event.WarmPriority;
import dev.modmirror.core.event.WarmRequested;
import dev.modmirror.core.module.ModuleRef;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The token reader ({@link EventReader}) reads what it reads exactly as the tree path ({@link
 * EventJson#readGeneric}) does, leaves everything else to it, and does read the form we write.
 */
class EventReaderTest {
  private final EventJson json = EventJson.create();

  private static final ModuleRef REF = ModuleRef.of("golang.org/x/text", "v0.3.7");
  private static final Instant AT = Instant.parse("2026-11-25T10:15:30.123456789Z");

  private static final List<Event> EVENTS =
      List.of(
          VersionRequested.of(REF, RequestSource.GOMOD, "services/api/go.mod", AT),
          VersionWarmed.of(REF, "h1:a=", "h1:b=", 8618591, AT, WarmOutcome.ALREADY_PRESENT),
          VersionWarmed.of(
              REF, "h1:a=", "h1:b=", 5_000_000_000L, Instant.parse("2026-11-25T10:15:32Z")),
          VersionFailed.of(REF, FailureStatus.NOT_FOUND, "not-found", "410 \"Gone\"\n\u00e9", AT),
          RegionReplicated.ok(REF, "eu-west", AT),
          RegionReplicated.failed(REF, "eu-west", "timeout", Instant.parse("1970-01-01T00:00:00Z")),
          new WarmRequested(
              WarmRequested.SCHEMA,
              REF,
              WarmPriority.URGENT,
              List.of(RequestSource.INDEX, RequestSource.WEBHOOK),
              "index:2026-11-25T10:15:29.5Z",
              AT),
          DemandObserved.of(REF, DemandKind.ZIP, "nginx", Instant.parse("2026-11-25T10:15:30.5Z")),
          RegionReconciled.of(
              REF,
              "eu-west",
              RegionReconciled.Finding.MISMATCH,
              RegionReconciled.Action.REPAIRED,
              "rewrote [ZIP]",
              AT),
          VersionPurged.purged(REF, "malicious", List.of("primary", "eu-west"), AT),
          new VersionConflict(
              VersionConflict.SCHEMA,
              REF,
              "primary",
              "h1:a=",
              "h1:b=",
              "h1:c=",
              "h1:b=",
              true,
              "https://goproxy.example.com",
              AT));

  @Test
  void readsEveryWrittenEventByTokensAsTheTreePathDoes() {
    for (Event event : EVENTS) {
      Topic<? extends Event> topic = topicOf(event);
      byte[] written = json.write(event);

      assertThat(tokens(topic, written)).as("%s", event).isEqualTo(event);
      assertThat(json.readGeneric(topic.type(), written, topic.name())).isEqualTo(event);
    }
  }

  @Test
  void leavesOlderWritersWithoutOptionalFieldsToNeitherDefault() {
    byte[] older =
        bytes(
            "{\"schema\":1,\"module\":\"golang.org/x/text\",\"version\":\"v0.3.7\",\"h1\":\"h1:a=\","
                + "\"goModH1\":\"h1:b=\",\"zipSize\":12,\"warmedAt\":\"2026-11-25T10:15:32Z\"}");

    assertThat(tokens(Topics.WARMED, older).outcome()).isEqualTo(WarmOutcome.STORED);
    sameOutcome(Topics.WARMED, older);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        // Fractions of 0 to 9 digits, and 10.
        "2026-11-25T10:15:30Z",
        "2026-11-25T10:15:30.Z",
        "2026-11-25T10:15:30.1Z",
        "2026-11-25T10:15:30.12Z",
        "2026-11-25T10:15:30.123Z",
        "2026-11-25T10:15:30.1234Z",
        "2026-11-25T10:15:30.12345Z",
        "2026-11-25T10:15:30.123456Z",
        "2026-11-25T10:15:30.1234567Z",
        "2026-11-25T10:15:30.12345678Z",
        "2026-11-25T10:15:30.123456789Z",
        "2026-11-25T10:15:30.000000001Z",
        "2026-11-25T10:15:30.000000000Z",
        "2026-11-25T10:15:30.1234567891Z",
        // Offsets and Z.
        "2026-11-25T10:15:30+00:00",
        "2026-11-25T10:15:30.5+01:00",
        "2026-11-25T10:15:30-05:30",
        "2026-11-25T10:15:30+0100",
        "2026-11-25T10:15:30z",
        "2026-11-25t10:15:30Z",
        "2026-11-25T10:15:30",
        "2026-11-25 10:15:30Z",
        // Out of range, and the edges of each field.
        "2026-13-01T00:00:00Z",
        "2026-00-01T00:00:00Z",
        "2026-01-00T00:00:00Z",
        "2026-01-31T00:00:00Z",
        "2026-01-32T00:00:00Z",
        "2026-04-31T00:00:00Z",
        "2026-02-29T00:00:00Z",
        "2024-02-29T00:00:00Z",
        "2100-02-29T00:00:00Z",
        "2000-02-29T00:00:00Z",
        "2026-11-25T24:00:00Z",
        "2026-11-25T23:60:00Z",
        "2026-11-25T23:59:60Z",
        "2026-12-31T23:59:59.999999999Z",
        "0000-01-01T00:00:00Z",
        "0999-12-31T23:59:59Z",
        "9999-12-31T23:59:59.999999999Z",
        "+10000-01-01T00:00:00Z",
        "-0001-01-01T00:00:00Z",
        "1969-12-31T23:59:59.999Z",
        "1970-01-01T00:00:00Z",
        // Garbage, numbers, spaces.
        "",
        " ",
        "Z",
        "now",
        "2026-11-25T10:15:3xZ",
        "2026-11-25T10:15:30.12a4Z",
        "2026-11-25T1O:15:30Z",
        "2026/11/25T10:15:30Z",
        "2026-11-25T10-15-30Z",
        "２026-11-25T10:15:30Z",
        " 2026-11-25T10:15:30Z",
        "2026-11-25T10:15:30Z ",
        "1764065730",
        "1764065730.5",
        "-1",
        "2026-11-25T10:15:30ZZ",
        "2026-11-25T10:15:30.+1Z",
        "2026-11-25T10:15:30.-1Z"
      })
  void readsInstantsAsTheTreePathDoes(String at) {
    byte[] record =
        bytes(
            "{\"schema\":1,\"module\":\"golang.org/x/text\",\"version\":\"v0.3.7\","
                + "\"region\":\"eu-west\",\"ok\":true,\"reason\":\"\",\"at\":\""
                + at
                + "\"}");

    sameOutcome(Topics.REPLICATED, record);
    Instant fast = IsoInstant.parse(at);
    if (fast != null) {
      assertThat(fast).isEqualTo(Instant.parse(at));
      assertThat(tokens(Topics.REPLICATED, record).at()).isEqualTo(fast);
    }
  }

  @Test
  void readsTheWrittenInstantFormItselfNotThroughJackson() {
    Random random = new Random(8);
    for (int i = 0; i < 20_000; i++) {
      // Years 0000-9999, every nanosecond precision Instant.toString() writes.
      long seconds = Math.floorMod(random.nextLong(), 253_402_300_800L) - 62_167_219_200L;
      int nanos = random.nextInt(4) == 0 ? 0 : random.nextInt(1_000_000_000);
      nanos = random.nextBoolean() ? nanos / 1_000_000 * 1_000_000 : nanos;
      Instant at = Instant.ofEpochSecond(seconds, nanos);

      assertThat(IsoInstant.parse(at.toString())).as("%s", at).isEqualTo(at);
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        // Shapes the token reader leaves to the tree path, which accepts or refuses them.
        "null",
        "[]",
        "\"text\"",
        "42",
        "{}",
        "{\"schema\":1}",
        "{\"schema\":1,\"schema\":1,#REST}",
        "{#REST,\"region\":\"us-east\"}",
        "{#REST,\"addedLater\":{\"x\":[1,2,{}]}}",
        "{#REST,\"addedLater\":null}",
        "{#REST} trailing",
        "{#REST}}",
        "{#REST",
        "{#REST,}",
        "{\"schema\":\"1\",#NOSCHEMA}",
        "{\"schema\":1.0,#NOSCHEMA}",
        "{\"schema\":1e0,#NOSCHEMA}",
        "{\"schema\":4294967297,#NOSCHEMA}",
        "{\"schema\":null,#NOSCHEMA}",
        "{\"schema\":2,#NOSCHEMA}",
        "{\"schema\":true,#NOSCHEMA}",
        "{\"schema\":1,\"module\":\"golang.org/x/text\",\"version\":\"v0.3.7\"}",
        "{\"schema\":1,\"module\":\"../../etc/passwd\",\"version\":\"v0.3.7\",#TAIL}",
        "{\"schema\":1,\"module\":\"golang.org/x/text\",\"version\":\"1.2\",#TAIL}",
        "{\"schema\":1,\"module\":null,\"version\":\"v0.3.7\",#TAIL}",
        "{\"schema\":1,\"module\":7,\"version\":\"v0.3.7\",#TAIL}",
        "{\"schema\":1,\"module\":[\"golang.org/x/text\"],\"version\":\"v0.3.7\",#TAIL}",
        "{\"schema\":1,\"version\":\"v0.3.7\",#TAIL}",
        "{\"schema\":1,\"module\":\"golang.org/x/t\\u0065xt\",\"version\":\"v0.3.7\",#TAIL}",
        "{\"schema\":1,\"module\":\"golang.org/x/text\",\"ref\":\"golang.org/x/text@v0.3.7\","
            + "\"version\":\"v0.3.7\",#TAIL}",
      })
  void leavesWhatItDoesNotReadToTheTreePath(String shape) {
    String head = "\"schema\":1,\"module\":\"golang.org/x/text\",\"version\":\"v0.3.7\",";
    String tail =
        "\"region\":\"eu-west\",\"ok\":true,\"reason\":\"\",\"at\":\"2026-11-25T10:15:30Z\"";
    String record =
        shape
            .replace("#REST", head + tail)
            .replace("#NOSCHEMA", head.substring(head.indexOf(',') + 1) + tail)
            .replace("#TAIL", tail);

    sameOutcome(Topics.REPLICATED, bytes(record));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "\"ok\":\"true\"",
        "\"ok\":1",
        "\"ok\":null",
        "\"region\":null",
        "\"region\":\"\"",
        "\"region\":5",
        "\"region\":{\"a\":1}",
        "\"reason\":null",
        "\"reason\":[]",
        "\"at\":null",
        "\"at\":1764065730",
        "\"at\":1764065730.5",
        "\"at\":[2026,11,25]",
      })
  void readsEachComponentsKindsAsTheTreePathDoes(String field) {
    String name = field.substring(0, field.indexOf(':'));
    String base =
        "{\"schema\":1,\"module\":\"golang.org/x/text\",\"version\":\"v0.3.7\",\"region\":\"eu-west\","
            + "\"ok\":true,\"reason\":\"\",\"at\":\"2026-11-25T10:15:30Z\"}";
    String record = base.replaceFirst(name + ":(\"[^\"]*\"|true)", field.replace("\\", "\\\\"));

    assertThat(record).contains(field);
    sameOutcome(Topics.REPLICATED, bytes(record));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "\"zipSize\":-1",
        "\"zipSize\":9223372036854775807",
        "\"zipSize\":9223372036854775808",
        "\"zipSize\":12.0",
        "\"zipSize\":\"12\"",
        "\"outcome\":null",
        "\"outcome\":\"stored\"",
        "\"outcome\":\"0\"",
        "\"outcome\":0",
        "\"outcome\":\"\"",
        "\"outcome\":\"REPAIRED\"",
        "\"h1\":\"\"",
      })
  void readsNumbersAndEnumsAsTheTreePathDoes(String field) {
    String name = field.substring(0, field.indexOf(':'));
    String base =
        "{\"schema\":1,\"module\":\"golang.org/x/text\",\"version\":\"v0.3.7\",\"h1\":\"h1:a=\","
            + "\"goModH1\":\"h1:b=\",\"zipSize\":12,\"warmedAt\":\"2026-11-25T10:15:32Z\","
            + "\"outcome\":\"STORED\"}";
    String record = base.replaceFirst(name + ":(\"[^\"]*\"|[0-9]+)", field);

    assertThat(record).contains(field);
    sameOutcome(Topics.WARMED, bytes(record));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "[\"INDEX\"]",
        "[]",
        "[\"INDEX\",\"INDEX\"]",
        "[\"INDEX\",null]",
        "[\"index\"]",
        "[0]",
        "\"INDEX\"",
        "null",
        "[[\"INDEX\"]]",
      })
  void readsListsAsTheTreePathDoes(String sources) {
    byte[] record =
        bytes(
            "{\"schema\":1,\"module\":\"golang.org/x/text\",\"version\":\"v0.3.7\","
                + "\"priority\":\"URGENT\",\"sources\":"
                + sources
                + ",\"origin\":\"o\",\"firstRequestedAt\":\"2026-11-25T10:15:30Z\"}");

    sameOutcome(Topics.WARM_URGENT, record);
  }

  @Test
  void leavesLongRecordsToTheTreePath() {
    String reason = "x".repeat(EventReader.MAX_BYTES);
    byte[] record = json.write(RegionReplicated.failed(REF, "eu-west", reason, AT));

    assertThat(EventReader.of(RegionReplicated.class).read(json.mapper(), record)).isNull();
    assertThat(json.read(Topics.REPLICATED, record).reason()).isEqualTo(reason);
  }

  @Test
  void readsMutatedRecordsAsTheTreePathDoes() {
    Random random = new Random(9);
    byte[] alphabet = bytes("{}[]\":,0123456789.-+eEZTtruefalsn \\u00ff");
    for (Event event : EVENTS) {
      byte[] written = json.write(event);
      for (int i = 0; i < 2_000; i++) {
        byte[] mutated = written.clone();
        for (int k = 1 + random.nextInt(3); k > 0; k--) {
          int at = random.nextInt(mutated.length);
          mutated[at] =
              random.nextBoolean()
                  ? alphabet[random.nextInt(alphabet.length)]
                  : (byte) random.nextInt(256);
        }
        sameOutcome(topicOf(event), mutated);
      }
    }
  }

  /** The token path's outcome is the tree path's: the same event, or the same refusal. */
  private <E extends Event> void sameOutcome(Topic<E> topic, byte[] record) {
    Object expected = outcome(() -> json.readGeneric(topic.type(), record, topic.name()));
    Object actual = outcome(() -> json.read(topic, record));

    assertThat(actual).as(new String(record, StandardCharsets.ISO_8859_1)).isEqualTo(expected);
  }

  private static Object outcome(java.util.function.Supplier<Event> read) {
    try {
      return read.get();
    } catch (InvalidInputException e) {
      return List.of(
          e.getClass(),
          Objects.toString(e.getMessage()),
          e.module().toString(),
          e.version().toString());
    } catch (RuntimeException e) {
      return List.of(e.getClass(), Objects.toString(e.getMessage()));
    }
  }

  private <E extends Event> E tokens(Topic<E> topic, byte[] record) {
    E event = EventReader.of(topic.type()).read(json.mapper(), record);
    assertThat(event).as("read by tokens").isNotNull();
    return event;
  }

  @SuppressWarnings("unchecked")
  private static <E extends Event> Topic<E> topicOf(E event) {
    return (Topic<E>)
        Topics.all().stream().filter(t -> t.type() == event.getClass()).findFirst().orElseThrow();
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
