package dev.modmirror.deploy.dev;

import dev.modmirror.core.error.InvalidInputException;
import dev.modmirror.core.io.Trees;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code modmirror dev}: warm one go.mod through a whole mirror on embedded servers. */
@Command(
    name = "dev",
    mixinStandardHelpOptions = true,
    description = {
      "Runs a whole mirror in this JVM (embedded KRaft broker, S3Proxy primary and region",
      "endpoints), warms every requirement of a go.mod and reports each version per region.",
      "Exit 0 only if every version is warmed and verified in every region."
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

  @Option(names = "--json", description = "Print a JSON array instead of text lines.")
  boolean json;

  @Option(
      names = "--timeout",
      defaultValue = "PT2M",
      description = "How long to wait for every outcome (ISO-8601, default PT2M).")
  Duration timeout;

  @Option(
      names = "--data-dir",
      description = "Where servers keep data; kept after the run (default: a temp dir, removed).")
  Path dataDir;

  private final PrintStream out;
  private final PrintStream err;

  public DevCommand() {
    this(System.out, System.err);
  }

  DevCommand(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  @Override
  public Integer call() throws Exception {
    if (regions < 1 || regions > 16) {
      err.println("--regions must be between 1 and 16");
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
    try (DevMirror dev = DevMirror.start(dir, regions, goproxy, gosumdb)) {
      List<VersionReport> reports = dev.warmAndReport().run(goModName, goModText, timeout);
      ReportPrinter.print(reports, json, out);
      return reports.stream().allMatch(VersionReport::complete) ? 0 : 1;
    } catch (InvalidInputException e) {
      err.println("modmirror dev: " + e.getMessage());
      return 2;
    }
  }
}
