package dev.modmirror.ingest.gomod;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modmirror.core.event.Topics;
import dev.modmirror.core.event.VersionRequested;
import dev.modmirror.core.module.ModuleRef;
import dev.modmirror.ingest.IngestGoMod;
import dev.modmirror.testkit.memory.InMemoryEventBus;
import io.opentelemetry.api.OpenTelemetry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GoModIngestionTest {
  @TempDir Path tmp;
  private final InMemoryEventBus bus = InMemoryEventBus.create();
  private final GoModIngestion ingestion =
      new GoModIngestion(
          new IngestGoMod(bus, OpenTelemetry.noop(), Clock.systemUTC()), Optional.empty());

  @AfterEach
  void close() {
    bus.close();
  }

  private static GoModSources.Unit unit(String name, String text) {
    return new GoModSources.ModuleUnit(name, text, Optional.empty());
  }

  @Test
  void requestsWhatTheGoCommandFetchesForTheShapesOfIssue7() throws Exception {
    BlockingQueue<VersionRequested> published = new LinkedBlockingQueue<>();
    bus.subscribe(Topics.REQUESTS, "test", published::add);
    GoModIngestion.Outcome outcome =
        ingestion.ingest(
            unit(
                "kube/go.mod",
                """
                module hello

                go 1.22

                require (
                \tk8s.io/api v0.0.0
                \texample.com/x v1.3.0
                \texample.com/old v1.0.0
                )

                exclude example.com/old v1.0.0

                replace k8s.io/api => ./staging/src/k8s.io/api
                replace example.com/x => example.com/x v1.6.0
                """),
            false);
    assertThat(outcome.error()).isEmpty();
    assertThat(outcome.requested()).containsExactly(ModuleRef.of("example.com/x", "v1.6.0"));
    VersionRequested request = published.poll(5, TimeUnit.SECONDS);
    assertThat(request.ref()).isEqualTo(ModuleRef.of("example.com/x", "v1.6.0"));
    assertThat(request.origin()).isEqualTo("gomod:kube/go.mod");
    assertThat(published.poll(200, TimeUnit.MILLISECONDS)).isNull();
  }

  @Test
  void aFileThatDoesNotParsePublishesNothingAndNamesLineAndColumn() throws Exception {
    BlockingQueue<VersionRequested> published = new LinkedBlockingQueue<>();
    bus.subscribe(Topics.REQUESTS, "test", published::add);
    GoModIngestion.Outcome bad =
        ingestion.ingest(
            unit("bad/go.mod", "module m\nrequire example.com/a v1.0.0\nrequire x\n"), false);
    assertThat(bad.error()).contains("bad/go.mod:3:1: usage: require module/path v1.2.3");
    assertThat(bad.requested()).isEmpty();
    GoModIngestion.Outcome good =
        ingestion.ingest(
            unit("good/go.mod", "module m\ngo 1.21\nrequire example.com/a v1.0.0\n"), false);
    assertThat(good.requested()).containsExactly(ModuleRef.of("example.com/a", "v1.0.0"));
    assertThat(published.poll(5, TimeUnit.SECONDS).origin()).isEqualTo("gomod:good/go.mod");
    assertThat(published.poll(200, TimeUnit.MILLISECONDS)).isNull();
  }

  @Test
  void aWorkspaceRequestsItsModulesRequirementsButNotItsModules() throws IOException {
    Files.createDirectories(tmp.resolve("a"));
    Files.createDirectories(tmp.resolve("b"));
    Files.writeString(
        tmp.resolve("a/go.mod"),
        "module example.com/a\ngo 1.22\nrequire example.com/b v1.0.0\nrequire example.com/c v1.0.0\n");
    Files.writeString(
        tmp.resolve("b/go.mod"), "module example.com/b\ngo 1.22\nrequire example.com/d v1.0.0\n");
    Files.writeString(
        tmp.resolve("go.work"),
        "go 1.22\nuse (\n\t./a\n\t./b\n)\nreplace example.com/d => example.com/d v1.1.0\n");
    GoModSources.Unit unit =
        new GoModSources.WorkspaceUnit("go.work", Files.readString(tmp.resolve("go.work")), tmp);
    assertThat(ingestion.plan(unit, false).refs())
        .containsExactly(
            ModuleRef.of("example.com/c", "v1.0.0"), ModuleRef.of("example.com/d", "v1.1.0"));
  }

  @Test
  void withDepsWithoutAnUpstreamIsRefused() {
    GoModIngestion.Outcome o =
        ingestion.ingest(unit("go.mod", "module m\ngo 1.21\nrequire example.com/a v1.0.0\n"), true);
    assertThat(o.error()).contains("--with-deps needs an upstream to read go.mod files from");
    assertThat(o.requested()).isEmpty();
  }

  @Test
  void anOldGoLineWithoutAnUpstreamRequestsTheRequirementsAndSaysSo() {
    GoModIngestion.Outcome o =
        ingestion.ingest(
            unit("go.mod", "module m\ngo 1.16\nrequire example.com/a v1.0.0\n"), false);
    assertThat(o.requested()).containsExactly(ModuleRef.of("example.com/a", "v1.0.0"));
    assertThat(o.notes()).singleElement().asString().contains("whole build list");
  }

  @Test
  void anUpstreamFailureWhileReadingTheGraphPublishesNothingAndSaysWhy() {
    var upstream = dev.modmirror.testkit.memory.InMemoryUpstream.create();
    ModuleRef a = ModuleRef.of("example.com/a", "v1.0.0");
    upstream.failNext(
        a, () -> new dev.modmirror.core.error.TransientException("proxy said 503", a));
    GoModIngestion withGraph =
        new GoModIngestion(
            new IngestGoMod(bus, OpenTelemetry.noop(), Clock.systemUTC()),
            Optional.of(new ModuleGraph(upstream, GraphBounds.defaults())));
    GoModIngestion.Outcome o =
        withGraph.ingest(unit("go.mod", "module m\ngo 1.21\nrequire example.com/a v1.0.0\n"), true);
    assertThat(o.requested()).isEmpty();
    assertThat(o.error())
        .get()
        .asString()
        .contains("go.mod: reading the module graph: proxy said 503");
  }
}
