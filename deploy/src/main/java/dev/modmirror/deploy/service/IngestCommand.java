package dev.modmirror.deploy.service;

import dev.modmirror.core.error.InvalidInputException;
import dev.modmirror.core.index.FeedTime;
import dev.modmirror.deploy.doctor.DependencyWait;
import dev.modmirror.deploy.progress.ProgressDisplay;
import dev.modmirror.deploy.progress.ProgressOptions;
import dev.modmirror.deploy.progress.StageCounts;
import dev.modmirror.deploy.wiring.Adapters;
import dev.modmirror.deploy.wiring.Deployment;
import dev.modmirror.deploy.wiring.Services;
import dev.modmirror.ingest.IngestConfig;
import dev.modmirror.ingest.IngestGoMod;
import dev.modmirror.ingest.gomod.GoModIngestion;
import dev.modmirror.ingest.gomod.GoModSources;
import dev.modmirror.ingest.gomod.GraphBounds;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code modmirror ingest SOURCE…}: publishes a request for every module version the go command
 * would fetch for each go.mod (see {@link GoModIngestion}). A source that cannot be read or a
 * go.mod that does not parse publishes nothing, is reported on stderr in one line, and makes the
 * command exit 1 after the other sources are done.
 *
 * <p>{@code modmirror ingest} without sources runs the ingest service ({@link IngestService}) until
 * stopped; it exits 1 with the reason if its streams or its index follower stop for good.
 */
@Command(
    name = "ingest",
    mixinStandardHelpOptions = true,
    description = {
      "With sources: publishes one warm request per module version the go command would fetch for"
          + " each go.mod, then exits.",
      "Without: runs the ingest service (index feed, webhooks, demand, dedupe stage, nightly"
          + " prefetch) until stopped. Settings: docs/configuration.md."
    })
public final class IngestCommand implements Callable<Integer> {
  private static final Duration URL_TIMEOUT = Duration.ofSeconds(30);

  @Parameters(
      arity = "0..*",
      paramLabel = "SOURCE",
      description =
          "go.mod files, directories (every go.mod under them, skipping vendor/, testdata/ and"
              + " hidden directories), go.work files, - for standard input, or http(s) URLs.")
  List<String> sources;

  @Option(
      names = "--with-deps",
      description =
          "Also request the module graph as the go command loads it: the go.mod of every module"
              + " version it reads and the build list (go.mod files are read from the upstream).")
  boolean withDeps;

  @Option(names = "--max-depth", defaultValue = "100", description = "Graph depth bound.")
  int maxDepth;

  @Option(names = "--max-modules", defaultValue = "10000", description = "go.mod files per graph.")
  int maxModules;

  @Option(
      names = "--since",
      description =
          "Service: where the index feed starts when it was never followed (RFC 3339, or 'now';"
              + " default MODMIRROR_INGEST_INDEX_SINCE, else now).")
  String since;

  @Mixin ProgressOptions progress = new ProgressOptions();

  @Override
  public Integer call() throws Exception {
    Deployment deployment = Deployment.from(System.getenv(), Deployment.INGEST);
    if (sources == null || sources.isEmpty()) {
      return serve(deployment);
    }
    DependencyWait.requireReachable(deployment, true, false, List.of());
    int failed = 0;
    try (Adapters adapters = Adapters.open(deployment, Adapters.NO_REGION)) {
      Services services = Services.over(adapters);
      IngestGoMod publisher = services.ingestGoMod();
      GoModIngestion ingestion =
          services.goModIngestion(publisher, new GraphBounds(maxDepth, maxModules));
      GoModSources reader =
          new GoModSources(
              System.in,
              HttpClient.newBuilder()
                  .connectTimeout(URL_TIMEOUT)
                  .followRedirects(HttpClient.Redirect.NORMAL)
                  .build(),
              URL_TIMEOUT);
      // Every source is read first, so the progress knows how many go.mod files there are.
      List<GoModSources.Unit> units = new ArrayList<>();
      for (String source : sources) {
        try {
          units.addAll(reader.read(source));
        } catch (InvalidInputException e) {
          publisher.rejected(source, e);
          System.err.println("modmirror ingest: " + e.getMessage());
          failed++;
        }
      }
      StageCounts counts = new StageCounts("ingest", List.of("go.mod", "requested", "failed"));
      counts.total(units.size());
      try (ProgressDisplay display = progress.start(counts, System.err)) {
        for (GoModSources.Unit unit : units) {
          GoModIngestion.Outcome outcome = ingestion.ingest(unit, withDeps);
          outcome.requested().forEach(ref -> System.out.println("requested " + ref));
          counts.add("go.mod");
          counts.add("requested", outcome.requested().size());
          outcome
              .notes()
              .forEach(n -> System.err.println("modmirror ingest: " + unit.name() + ": " + n));
          if (outcome.error().isPresent()) {
            System.err.println("modmirror ingest: " + outcome.error().get());
            counts.add("failed");
            failed++;
          }
          counts.ended();
        }
      }
    }
    return failed == 0 ? 0 : 1;
  }

  private int serve(Deployment deployment) throws InterruptedException {
    IngestConfig config = deployment.ingest();
    if (since != null && !since.equals("now")) {
      config = config.withIndex(config.index().startingAt(FeedTime.parse(since)));
    }
    // Ingest opens the primary bucket only when the nightly prefetch runs.
    DependencyWait.untilReachable("ingest", deployment, true, false, List.of());
    Adapters adapters = Adapters.open(deployment, Adapters.NO_REGION);
    IngestService service;
    IngestConfig chosen = config;
    try {
      service =
          DependencyWait.startWhenReady("ingest", () -> IngestService.start(adapters, chosen));
    } catch (RuntimeException | InterruptedException e) {
      adapters.close();
      throw e;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  service.close();
                  adapters.close();
                  stopped.countDown();
                },
                "modmirror-shutdown"));
    while (!stopped.await(1, TimeUnit.SECONDS)) {
      var fatal = service.fatal();
      if (fatal.isPresent()) {
        System.err.println("modmirror ingest: " + fatal.get());
        return 1;
      }
    }
    return 0;
  }
}
