package dev.modmirror.deploy.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modmirror.adapters.kafka.DeadLetterReplay;
import dev.modmirror.core.error.InvalidInputException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The body of {@code POST /admin/dlq/replay}: the command's options, one per line. */
class DlqReplayActionTest {
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-11-30T12:00:00Z"), ZoneOffset.UTC);

  @Test
  void anEmptyBodyReplaysEverythingForReal() {
    DlqReplayAction.Options o = DlqReplayAction.Options.parse("\n  \n", CLOCK);
    assertThat(o.since()).isEmpty();
    assertThat(o.dryRun()).isFalse();
    assertThat(o.filter().test(letter("golang.org/x/mod@v0.1.0", "transient"))).isTrue();
  }

  @Test
  void readsSinceAsAnInstantOrADurationBackFromNow() {
    assertThat(DlqReplayAction.Options.parse("since=PT1H", CLOCK).since())
        .contains(Instant.parse("2026-11-30T11:00:00Z"));
    assertThat(DlqReplayAction.Options.parse(" since = 2026-11-25T10:00:00Z ", CLOCK).since())
        .contains(Instant.parse("2026-11-25T10:00:00Z"));
  }

  @Test
  void everyFilterMustMatch() {
    DlqReplayAction.Options o =
        DlqReplayAction.Options.parse(
            "filter=key=golang.org/*\nfilter=kind=transient\ndry-run=true", CLOCK);
    assertThat(o.dryRun()).isTrue();
    assertThat(o.filter().test(letter("golang.org/x/mod@v0.1.0", "transient"))).isTrue();
    assertThat(o.filter().test(letter("golang.org/x/mod@v0.1.0", "undecodable"))).isFalse();
    assertThat(o.filter().test(letter("example.com/a@v1.0.0", "transient"))).isFalse();
  }

  @Test
  void refusesWhatItDoesNotKnowNamingTheLine() {
    assertThatThrownBy(() -> DlqReplayAction.Options.parse("dryrun=true", CLOCK))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageStartingWith("unknown option 'dryrun'");
    assertThatThrownBy(() -> DlqReplayAction.Options.parse("dry-run=yes", CLOCK))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("dry-run='yes': expected true or false");
    assertThatThrownBy(() -> DlqReplayAction.Options.parse("since=yesterday", CLOCK))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("since 'yesterday': expected an RFC 3339 instant or an ISO-8601 duration");
    assertThatThrownBy(() -> DlqReplayAction.Options.parse("x".repeat(100) + "=1", CLOCK))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageStartingWith("unknown option '" + "x".repeat(64) + "…'");
  }

  private static DeadLetterReplay.Letter letter(String key, String kind) {
    return new DeadLetterReplay.Letter(
        Map.of("key", key, "kind", kind, "topic", "modmirror.requests.v1"),
        Instant.parse("2026-11-30T10:00:00Z"),
        false);
  }
}
