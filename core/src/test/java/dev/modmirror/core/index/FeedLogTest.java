package dev.modmirror.core.index;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modmirror.core.event.RequestSource;
import dev.modmirror.core.event.VersionRequested;
import dev.modmirror.core.module.ModuleRef;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * The port's defaults: appending a page adds it and commits it as its own batch; appending a list
 * of requests prepares it first.
 */
class FeedLogTest {
  @Test
  void appendingRequestsPreparesThemAndCommitsThePreparedPageWithThePositionAsOneBatch() {
    List<String> calls = new ArrayList<>();
    VersionRequested request =
        VersionRequested.of(
            ModuleRef.of("example.com/m", "v1.0.0"), RequestSource.INDEX, "", Instant.EPOCH);
    FeedPosition next = FeedPosition.startingAt(Instant.EPOCH);
    FeedLog log =
        new FeedLog() {
          @Override
          public Optional<FeedPosition> position(String feed) {
            return Optional.empty();
          }

          @Override
          public Prepared prepare(List<VersionRequested> requests) {
            calls.add("prepare " + requests);
            return () -> requests;
          }

          @Override
          public void add(String feed, Prepared page, FeedPosition at) {
            calls.add("add " + feed + " " + page.requests() + " " + (at == next));
          }

          @Override
          public CompletableFuture<Void> commit() {
            calls.add("commit");
            return CompletableFuture.completedFuture(null);
          }

          @Override
          public void close() {}
        };
    log.append("index", List.of(request), next);
    assertThat(calls)
        .containsExactly(
            "prepare " + List.of(request), "add index " + List.of(request) + " true", "commit");
  }
}
