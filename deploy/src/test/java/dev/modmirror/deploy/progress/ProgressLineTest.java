package dev.modmirror.deploy.progress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modmirror.core.error.InvalidInputException;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProgressLineTest {
  private static final long SECOND = 1_000_000_000L;

  @Test
  void showsDoneOfTotalRateEtaAndEveryStageInOrder() {
    Map<String, Long> counts = new LinkedHashMap<>();
    counts.put("requested", 400L);
    counts.put("fetched", 130L);
    counts.put("replicated eu", 118L);
    counts.put("failed", 2L);
    var s = new StageCounts.Snapshot("dev", counts, 400, 100, 40 * SECOND);

    assertThat(ProgressLine.format(s))
        .isEqualTo(
            "dev: 100/400 done, 2.5/s, ETA 2m00s | requested 400 | fetched 130 | replicated eu 118"
                + " | failed 2");
  }

  @Test
  void hasNoTotalOrEtaUntilTheyAreKnown() {
    var unknownTotal = new StageCounts.Snapshot("prefetch", Map.of("requested", 3L), -1, 0, SECOND);
    assertThat(ProgressLine.format(unknownTotal))
        .isEqualTo("prefetch: 0 done, 0.0/s | requested 3");

    var nothingDone = new StageCounts.Snapshot("dev", Map.of(), 10, 0, SECOND);
    assertThat(ProgressLine.eta(nothingDone)).isEmpty();
  }

  @Test
  void terminalBarsShowEachStageThenDoneWithItsEtaWithinTheWidth() {
    Map<String, Long> counts = new LinkedHashMap<>();
    counts.put("fetched", 50L);
    counts.put("failed", 0L);
    var s = new StageCounts.Snapshot("dev", counts, 100, 25, 10 * SECOND);

    assertThat(TerminalStatus.bars(s, 80))
        .containsExactly(
            "fetched [====================                    ] 50/100 5.0/s",
            "failed  [                                        ] 0/100 0.0/s",
            "done    [==========                              ] 25/100 2.5/s ETA 30s");
    assertThat(TerminalStatus.bars(s, 20))
        .allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(20));
  }

  @Test
  void durationsReadAsSecondsMinutesAndHours() {
    assertThat(ProgressLine.duration(Duration.ofSeconds(45))).isEqualTo("45s");
    assertThat(ProgressLine.duration(Duration.ofSeconds(185))).isEqualTo("3m05s");
    assertThat(ProgressLine.duration(Duration.ofMinutes(62))).isEqualTo("1h02m");
  }

  @Test
  void countsIgnoreUnknownStagesAndRefuseDuplicates() {
    StageCounts counts = new StageCounts("t", List.of("a", "b"));
    counts.add("a");
    counts.add("a", 2);
    counts.add("nope");
    counts.total(5);
    counts.ended();

    var s = counts.snapshot();
    assertThat(s.counts()).containsExactly(Map.entry("a", 3L), Map.entry("b", 0L));
    assertThat(s.total()).isEqualTo(5);
    assertThat(s.done()).isOne();
    assertThatThrownBy(() -> new StageCounts("t", List.of("a", "a")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("stage named twice: a");
  }

  @Test
  void plainModePrintsALastLineOnCloseAndNothingAfter() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    StageCounts counts = new StageCounts("t", List.of("a"));
    counts.total(1);
    ProgressDisplay display =
        ProgressDisplay.start(
            counts,
            ProgressMode.PLAIN,
            Duration.ofHours(1),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    counts.add("a");
    counts.ended();
    display.close();
    display.close();

    assertThat(err.toString(StandardCharsets.UTF_8))
        .matches("t: 1/1 done, [0-9.]+/s, ETA 0s \\| a 1\\n");
  }

  @Test
  void offPrintsNothingAndBadFlagsAreUsageErrors() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    ProgressDisplay.start(
            new StageCounts("t", List.of("a")),
            ProgressMode.OFF,
            Duration.ofSeconds(1),
            new PrintStream(err, true, StandardCharsets.UTF_8))
        .close();
    assertThat(err.size()).isZero();

    ProgressOptions options = new ProgressOptions();
    options.mode = "loud";
    assertThatThrownBy(() -> options.start(new StageCounts("t", List.of("a")), System.err))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("--progress must be auto, terminal, plain or off, not 'loud'");
  }
}
