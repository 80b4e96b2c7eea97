package dev.modmirror.deploy.dev;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.modmirror.core.error.InvalidInputException;
import dev.modmirror.core.io.Trees;
import dev.modmirror.core.store.ModuleStore;
import dev.modmirror.deploy.progress.ProgressDisplay;
import dev.modmirror.deploy.progress.ProgressOptions;
import dev.modmirror.deploy.progress.StageCounts;
import dev.modmirror.deploy.wiring.Serving;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code modmirror dev}: warm one go.mod through a whole mirror on embedded servers. */
@Command(
    name = "dev",
    mixinStandardHelpOptions = true,
    description = {
      "Runs a whole mirror in this JVM (embedded KRaft broker, S3Proxy primary and region",
      "endpoints), warms every requirement of a go.mod and reports each version per region",
      "on stdout as soon as it ends, with progress and a summary on stderr.",
      "Exit 0 only if every version is warmed and verified in every region, 1 if some is not,",
      "2 on bad usage."
    })
public final class DevCommand implements Callable<Integer> {

  @Option(names = "--regions", defaultValue = "2", description = "Region buckets (default 2).")
  int regions;

  @Option(names = "--gomod", description = "The go.mod to warm (default: the built-in sample).")
  Path goMod;

  @Option(
      names = "--upstream",
      description = "A GOPROXY list: http(s):// or file:// URLs (default: the built-in sample).")
  String upstream;

  @Option(
      names = "--gosumdb",
      defaultValue = "off",
      description = {
        "Checksum database, as GOSUMDB takes it (default off: the sample modules are synthetic",
        "and dev mode reaches no outside host). E.g. 'sum.golang.org' or 'name+key url'."
      })
  String gosumdb;

  @Option(
      names = "--json",
      description = "Print one JSON array of every version at the end instead of text lines.")
  boolean json;

  @Option(
      names = "--json-lines",
      description = "Print one JSON object per line, for each version as soon as it ends.")
  boolean jsonLines;

  @Mixin ProgressOptions progress = new ProgressOptions();

  @Option(
      names = "--timeout",
      defaultValue = "PT2M",
      description =
          "How long to wait while no version ends (ISO-8601, default PT2M): the run ends when"
              + " every version has its outcome, or when none has ended for this long.")
  Duration timeout;

  @Option(
      names = "--serve",
      paramLabel = "PORT",
      description = {
        "After warming, serve the first region as a GOPROXY on 127.0.0.1:PORT until interrupted",
        "(prints 'serving http://127.0.0.1:PORT' once ready)."
      })
  Integer servePort;

  @Option(
      names = "--data-dir",
      description = "Where servers keep data; kept after the run (default: a temp dir, removed).")
  Path dataDir;

  /** Rows of the per-hop timing table. */
  private static final int SLOWEST = 5;

  private final PrintStream out;
  private final PrintStream err;
  private final CountDownLatch finished = new CountDownLatch(1);

  public DevCommand() {
    this(System.out, System.err);
  }

  DevCommand(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  @Override
  public Integer call() throws Exception {
    if (servePort != null && (servePort < 0 || servePort > 65535)) {
      err.println("--serve needs a port between 0 and 65535");
      return 2;
    }
    if (regions < 1 || regions > 16) {
      err.println("--regions must be between 1 and 16");
      return 2;
    }
    if (json && jsonLines) {
      err.println("modmirror dev: --json and --json-lines are exclusive: choose one");
      return 2;
    }
    if (upstream != null && goMod == null) {
      err.println("--upstream needs --gomod: which versions should be warmed from it?");
      return 2;
    }
    String goModText = null;
    if (goMod != null) {
      try {
        goModText = Files.readString(goMod, StandardCharsets.UTF_8);
      } catch (IOException e) {
        err.println("modmirror dev: cannot read --gomod " + goMod + ": " + e);
        return 2;
      }
    }
    Path dir = dataDir != null ? dataDir : Files.createTempDirectory("modmirror-dev-");
    try {
      return prepareAndRun(dir, goModText);
    } finally {
      if (dataDir == null) {
        // Broker logs and buckets of a throw-away run: nothing is left behind in /tmp.
        Trees.deleteQuietly(dir);
      }
      finished.countDown();
    }
  }

  private int prepareAndRun(Path dir, String userGoMod) throws IOException, InterruptedException {
    String sampleGoMod = null;
    String goproxy = upstream;
    if (goproxy == null) {
      Path tree = dir.resolve("sample-upstream");
      sampleGoMod = SampleUpstream.writeTo(tree);
      goproxy = tree.toUri().toString();
    }
    String goModName = goMod != null ? goMod.toString() : "sample/go.mod";
    String goModText = userGoMod != null ? userGoMod : sampleGoMod;
    return run(dir, goproxy, goModName, goModText);
  }

  private int run(Path dir, String goproxy, String goModName, String goModText)
      throws IOException, InterruptedException {
    ReportPrinter.Format format =
        json
            ? ReportPrinter.Format.JSON
            : jsonLines ? ReportPrinter.Format.JSON_LINES : ReportPrinter.Format.TEXT;
    // A sign of life while the servers start (a few seconds), before the progress has counts.
    err.println("modmirror dev: starting a broker and " + (regions + 1) + " S3 endpoints");
    err.flush();
    try (DevMirror dev = DevMirror.start(dir, regions, goproxy, gosumdb)) {
      List<String> regionNames = dev.regions().stream().map(ModuleStore::name).toList();
      StageCounts counts = new StageCounts("dev", DevStages.of(regionNames));
      dev.hops().listen((hop, ok) -> DevStages.hop(counts, hop, ok));
      List<VersionReport> reports;
      try (ProgressDisplay display = progress.start(counts, err)) {
        reports = dev.warmAndReport().run(goModName, goModText, timeout, streaming(counts, format));
      }
      ReportPrinter.end(reports, format, out);
      printSummary(reports, dev);
      int status = reports.stream().allMatch(VersionReport::complete) ? 0 : 1;
      if (servePort != null) {
        serveUntilInterrupted(dev);
      }
      return status;
    } catch (InvalidInputException e) {
      err.println("modmirror dev: " + e.getMessage());
      return 2;
    }
  }

  /** Prints each version on stdout as it ends and counts it for the progress display. */
  private WarmAndReport.Listener streaming(StageCounts counts, ReportPrinter.Format format) {
    return new WarmAndReport.Listener() {
      @Override
      public void requested(int versions) {
        counts.total(versions);
      }

      @Override
      public void ended(VersionReport report) {
        DevStages.ended(counts, report);
        try {
          ReportPrinter.ended(report, format, out);
        } catch (JsonProcessingException e) {
          throw new UncheckedIOException(e);
        }
      }
    };
  }

  /** The summary goes to stderr, so stdout holds only results. */
  private void printSummary(List<VersionReport> reports, DevMirror dev) {
    err.println();
    ReportPrinter.summary(reports, err);
    err.println();
    dev.hops().printPercentiles(err);
    err.println();
    dev.hops().print(SLOWEST, err);
    err.flush();
  }

  /** Serves until SIGINT or SIGTERM; the JVM's shutdown then closes the mirror. */
  private void serveUntilInterrupted(DevMirror dev) throws InterruptedException {
    CountDownLatch stopped = new CountDownLatch(1);
    try (Serving serving = dev.serve(servePort)) {
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    stopped.countDown();
                    try {
                      // The JVM halts when this hook ends: let the main thread first close the
                      // servers and remove the data directory.
                      finished.await(30, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                      Thread.currentThread().interrupt();
                    }
                  },
                  "dev-serve-shutdown"));
      out.println("serving http://127.0.0.1:" + serving.port());
      out.flush();
      stopped.await();
    }
  }
}
