package dev.modmirror.core.index;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modmirror.core.module.ModuleRef;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FeedPositionTest {
  private static final Instant T0 = Instant.parse("2020-01-01T00:00:00Z");

  private static IndexLine line(String path, Instant at) {
    return new IndexLine.Valid(new IndexEntry(ModuleRef.of(path, "v1.0.0"), at));
  }

  @Test
  void replaysPageBoundaryWithoutDuplicates() {
    Instant t1 = T0.plusNanos(1);
    List<IndexLine> first = List.of(line("a.com/x", T0), line("a.com/y", t1), line("a.com/z", t1));
    FeedPosition next = FeedPosition.startingAt(T0).after(first, true);

    assertThat(next).isEqualTo(new FeedPosition(t1, Set.of("a.com/y@v1.0.0", "a.com/z@v1.0.0")));
    // The next page starts at t1 again: its first two lines were handled, the third is new.
    List<IndexLine> second = List.of(line("a.com/y", t1), line("a.com/z", t1), line("a.com/w", t1));
    assertThat(second.stream().filter(l -> !next.alreadySeen(l)).map(IndexLine::key))
        .containsExactly("a.com/w@v1.0.0");
    assertThat(next.after(second, false).seen()).hasSize(3);
  }

  @Test
  void aPageOfOneInstantThatIsAllSeenStepsOneNanosecond() {
    FeedPosition at = new FeedPosition(T0, Set.of("a.com/x@v1.0.0"));
    FeedPosition next = at.after(List.of(line("a.com/x", T0)), true);

    assertThat(next).isEqualTo(FeedPosition.startingAt(T0.plusNanos(1)));
    assertThat(at.stalled(next)).isTrue();
  }

  @Test
  void invalidLinesWithATimeStillMoveThePosition() {
    IndexLine bad =
        IndexLine.parse(
            "{\"Path\":\"../x\",\"Version\":\"v1.0.0\",\"Timestamp\":\"2020-01-01T00:00:01Z\"}");
    FeedPosition next = FeedPosition.startingAt(T0).after(List.of(line("a.com/x", T0), bad), false);

    assertThat(next.since()).isEqualTo(T0.plusSeconds(1));
    assertThat(next.seen()).containsExactly("../x@v1.0.0");
  }

  @Test
  void anEmptyPageKeepsThePosition() {
    FeedPosition at = new FeedPosition(T0, Set.of("a.com/x@v1.0.0"));
    assertThat(at.after(List.of(), false)).isEqualTo(at);
  }
}
