package dev.modmirror.adapters.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
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
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class EventJsonTest {
  private final EventJson json = EventJson.create();

  static Stream<Arguments> fixtures() {
    return Stream.of(
        Arguments.of(
            "version-requested.json",
            Topics.REQUESTS,
            VersionRequested.of(
                ModuleRef.of("github.com/Azure/azure-sdk-for-go", "v1.2.3"),
                RequestSource.GOMOD,
                "services/api/go.mod",
                Instant.parse("2026-11-25T10:15:30.123456789Z"))),
        Arguments.of(
            "version-warmed.json",
            Topics.WARMED,
            VersionWarmed.of(
                ModuleRef.of("golang.org/x/text", "v0.3.7"),
                "h1:olpwvP2KacW1ZWvsR7uQhoyTYvKAupfQrRGBFM352Gk=",
                "h1:u+2+/6zg+i71rQMx5EYifcz6MCKuco9NR6JIITiCfzQ=",
                8618591,
                Instant.parse("2026-11-25T10:15:32Z"))),
        Arguments.of(
            "version-failed.json",
            Topics.FAILED,
            VersionFailed.of(
                ModuleRef.of("example.com/gone", "v0.1.0"),
                FailureStatus.NOT_FOUND,
                "not-found",
                "upstream http://127.0.0.1:8080 answered 410 Gone for"
                    + " example.com/gone/@v/v0.1.0.info",
                Instant.parse("2026-11-25T10:15:31.5Z"))),
        Arguments.of(
            "version-conflict.json",
            Topics.CONFLICTS,
            new VersionConflict(
                VersionConflict.SCHEMA,
                ModuleRef.of("corp.example.com/internal/lib", "v1.4.0"),
                "primary",
                "h1:olpwvP2KacW1ZWvsR7uQhoyTYvKAupfQrRGBFM352Gk=",
                "h1:u+2+/6zg+i71rQMx5EYifcz6MCKuco9NR6JIITiCfzQ=",
                "h1:9Cu7Y3BH/4Ctfm2mSHLwFq5FRCg2eDUcxwzXmRtHAn0=",
                "h1:u+2+/6zg+i71rQMx5EYifcz6MCKuco9NR6JIITiCfzQ=",
                true,
                "https://goproxy.corp.example.com",
                Instant.parse("2026-11-25T10:16:02.250Z"))),
        Arguments.of(
            "region-replicated.json",
            Topics.REPLICATED,
            RegionReplicated.ok(
                ModuleRef.of("golang.org/x/text", "v0.3.7"),
                "eu-west",
                Instant.parse("2026-11-25T10:15:33Z"))),
        Arguments.of(
            "warm-requested.json",
            Topics.WARM_URGENT,
            new WarmRequested(
                WarmRequested.SCHEMA,
                ModuleRef.of("github.com/Azure/azure-sdk-for-go", "v1.2.3"),
                WarmPriority.URGENT,
                List.of(RequestSource.INDEX, RequestSource.WEBHOOK),
                "index:2026-11-25T10:15:29.5Z",
                Instant.parse("2026-11-25T10:15:30.123456789Z"))),
        Arguments.of(
            "demand-observed.json",
            Topics.DEMAND,
            DemandObserved.of(
                ModuleRef.of("golang.org/x/text", "v0.3.7"),
                DemandKind.ZIP,
                "nginx:/var/log/nginx/access.log",
                Instant.parse("2026-11-25T10:15:30Z"))),
        Arguments.of(
            "region-reconciled.json",
            Topics.RECONCILED,
            RegionReconciled.of(
                ModuleRef.of("golang.org/x/text", "v0.3.7"),
                "eu-west",
                RegionReconciled.Finding.MISMATCH,
                RegionReconciled.Action.REPAIRED,
                "golang.org/x/text/@v/v0.3.7.zip differs (size 12, primary 4096); rewrote [ZIP]",
                Instant.parse("2026-11-30T03:30:12Z"))),
        Arguments.of(
            "version-purged.json",
            Topics.PURGED,
            VersionPurged.purged(
                ModuleRef.of("example.com/evil", "v1.0.1"),
                "malicious: CVE-2026-0001",
                List.of("primary", "eu-west", "us-east"),
                Instant.parse("2026-11-30T09:00:00Z"))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fixtures")
  <E extends Event> void readsFixtureIntoTheEvent(String file, Topic<E> topic, E expected)
      throws IOException {
    assertThat(json.read(topic, fixture(file))).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fixtures")
  void writesTheFixtureShapeWithSchemaFirst(String file, Topic<?> topic, Event event)
      throws IOException {
    byte[] written = json.write(event);
    JsonNode tree = json.mapper().readTree(written);

    assertThat(tree).isEqualTo(json.mapper().readTree(fixture(file)));
    assertThat(tree.fieldNames().next()).isEqualTo("schema");
    assertThat(json.read(topic, written)).isEqualTo(event);
  }

  @Test
  void readsAWarmedEventWithoutOutcomeAsStored() throws IOException {
    String older =
        new String(fixture("version-warmed.json"), StandardCharsets.UTF_8)
            .replace(",\n  \"outcome\": \"STORED\"", "");
    assertThat(older).doesNotContain("outcome");

    assertThat(json.read(Topics.WARMED, bytes(older)).outcome()).isEqualTo(WarmOutcome.STORED);
  }

  @Test
  void ignoresUnknownFields() {
    byte[] withExtra =
        ("{\"schema\":1,\"module\":\"example.com/a\",\"version\":\"v1.0.0\",\"region\":\"r1\","
                + "\"ok\":false,\"reason\":\"timeout\",\"at\":\"2026-11-25T00:00:00Z\","
                + "\"addedLater\":{\"x\":1}}")
            .getBytes(StandardCharsets.UTF_8);

    assertThat(json.read(Topics.REPLICATED, withExtra).reason()).isEqualTo("timeout");
  }

  @Test
  void rejectsCorruptedJson() {
    assertThatThrownBy(() -> json.read(Topics.REQUESTS, bytes("{\"schema\":1,\"module\":")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("modmirror.requests.v1")
        .hasMessageContaining("unreadable JSON");
    assertThatThrownBy(() -> json.read(Topics.REQUESTS, new byte[] {0x00, (byte) 0xff, 0x13}))
        .isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> json.read(Topics.REQUESTS, new byte[0]))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("empty record");
    assertThatThrownBy(() -> json.read(Topics.REQUESTS, bytes("[1,2]")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("expected a JSON object");
  }

  @Test
  void rejectsAnotherSchemaVersion() throws IOException {
    String v2 =
        new String(fixture("version-warmed.json"), StandardCharsets.UTF_8)
            .replace("\"schema\": 1", "\"schema\": 2");

    assertThatThrownBy(() -> json.read(Topics.WARMED, bytes(v2)))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("unsupported schema version 2");
  }

  @Test
  void rejectsAMissingSchemaOrRequiredField() throws IOException {
    String noSchema =
        new String(fixture("version-warmed.json"), StandardCharsets.UTF_8)
            .replace("\"schema\": 1,", "");
    String noH1 =
        new String(fixture("version-warmed.json"), StandardCharsets.UTF_8)
            .replaceAll("\"h1\": \"[^\"]*\",", "");

    assertThatThrownBy(() -> json.read(Topics.WARMED, bytes(noSchema)))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("missing field 'schema'");
    assertThatThrownBy(() -> json.read(Topics.WARMED, bytes(noH1)))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("missing field 'h1'");
  }

  @Test
  void rejectsAnInvalidModulePathNamingIt() throws IOException {
    String traversal =
        new String(fixture("version-requested.json"), StandardCharsets.UTF_8)
            .replace("github.com/Azure/azure-sdk-for-go", "../../etc/passwd");

    assertThatThrownBy(() -> json.read(Topics.REQUESTS, bytes(traversal)))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("VersionRequested")
        .hasMessageContaining("malformed module path")
        .satisfies(
            e -> assertThat(((InvalidInputException) e).module()).contains("../../etc/passwd"));
  }

  @Test
  void rejectsAnInvalidVersionAndAnUnknownEnumValue() throws IOException {
    String badVersion =
        new String(fixture("version-requested.json"), StandardCharsets.UTF_8)
            .replace("v1.2.3", "1.2");
    String badSource =
        new String(fixture("version-requested.json"), StandardCharsets.UTF_8)
            .replace("GOMOD", "CARRIER_PIGEON");

    assertThatThrownBy(() -> json.read(Topics.REQUESTS, bytes(badVersion)))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("VersionRequested")
        .hasMessageContaining("\"1.2\"")
        .satisfies(e -> assertThat(((InvalidInputException) e).version()).contains("1.2"));
    assertThatThrownBy(() -> json.read(Topics.REQUESTS, bytes(badSource)))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("CARRIER_PIGEON");
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] fixture(String name) throws IOException {
    try (InputStream in = EventJsonTest.class.getResourceAsStream("/events/" + name)) {
      if (in == null) {
        throw new IOException("missing fixture " + name);
      }
      return in.readAllBytes();
    }
  }
}
