package dev.modmirror.ingest.gomod;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modmirror.adapters.upstream.UpstreamConfig;
import dev.modmirror.adapters.upstream.Upstreams;
import dev.modmirror.core.gomod.GoModFile;
import dev.modmirror.core.gomod.GoModParser;
import dev.modmirror.core.gomod.GoWorkParser;
import dev.modmirror.core.gomod.Replace;
import dev.modmirror.core.module.ModulePaths;
import dev.modmirror.core.module.ModuleRef;
import dev.modmirror.gotool.GoResult;
import dev.modmirror.gotool.GoSandbox;
import dev.modmirror.gotool.GoToolchain;
import dev.modmirror.gotool.ModDownload;
import dev.modmirror.gotool.RealModules;
import dev.modmirror.ingest.IngestGoMod;
import dev.modmirror.testkit.TempDirs;
import dev.modmirror.testkit.memory.InMemoryEventBus;
import io.opentelemetry.api.OpenTelemetry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The go command decides what a go.mod makes it fetch; ingest must request exactly that. For each
 * real go.mod in {@code real/} (published files of corpus modules, and hand-made ones with
 * replace/exclude shapes and a workspace): {@code go mod download -json} (no arguments) against the
 * corpus served as {@code file://} fetches the versions plain ingest requests; {@code go list -m
 * all} selects the build list our module graph selects, and the go.mod files it downloads are those
 * our graph reads. Each run of the go command starts from an empty module cache, so what it fetched
 * is what it needed. The corpus cache is filled (offline after the first run) by the go command
 * alone, with the machine's GOPROXY.
 */
class GoModRequestsGoIT {
  private static final Duration TIMEOUT = Duration.ofMinutes(3);
  private static final List<String> REAL =
      List.of(
          "cobra-v1.8.0.mod",
          "testify-v1.9.0.mod",
          "logrus-v1.9.3.mod",
          "aws-sdk-go-v2-v1.30.0.mod",
          "protobuf-v1.5.4.mod",
          "app-replace-exclude.mod",
          "workspace");
  private static GoToolchain go;
  private static RealModules corpus;
  private static GoModIngestion ingestion;
  private static InMemoryEventBus bus;
  private static Path work;

  @BeforeAll
  static void setUp() throws IOException {
    go = GoToolchain.require();
    corpus = RealModules.download(go);
    bus = InMemoryEventBus.create();
    var upstream =
        Upstreams.fromGoproxy(corpus.downloadTree().toUri().toString(), UpstreamConfig.defaults());
    ingestion =
        new GoModIngestion(
            new IngestGoMod(bus, OpenTelemetry.noop(), Clock.systemUTC()),
            Optional.of(new ModuleGraph(upstream, GraphBounds.defaults())));
    work = Files.createTempDirectory("gomod-referee-");
    // The go command fills the corpus with everything these files need (offline after once).
    for (String name : REAL) {
      Path dir = lay(name, "prime");
      String flags = goflags(name);
      for (String[] args :
          List.of(new String[] {"mod", "download"}, new String[] {"list", "-m", "all"})) {
        GoResult r = corpus.inModule(go, dir, flags, args);
        assertThat(r.ok())
            .as("priming %s: go %s: %s", name, String.join(" ", args), r.stderr())
            .isTrue();
      }
    }
  }

  @AfterAll
  static void tearDown() {
    if (bus != null) {
      bus.close();
    }
    if (work != null) {
      TempDirs.deleteTree(work);
    }
  }

  @TestFactory
  Stream<DynamicTest> requestsWhatGoModDownloadFetches() {
    return REAL.stream().map(name -> DynamicTest.dynamicTest(name, () -> plain(name)));
  }

  @TestFactory
  Stream<DynamicTest> withDepsRequestsTheGraphTheGoCommandLoads() {
    return REAL.stream().map(name -> DynamicTest.dynamicTest(name, () -> withDeps(name)));
  }

  private void plain(String name) throws IOException {
    Path dir = lay(name, "plain");
    try (GoSandbox env = referee(name)) {
      GoResult r = go.run(env, dir, TIMEOUT, "mod", "download", "-json");
      Set<ModuleRef> fetched = new LinkedHashSet<>();
      for (String json : ModDownload.objects(r.stdout())) {
        ModDownload d = parse(json);
        if (d.error() == null && d.path() != null) {
          fetched.add(ModuleRef.of(d.path(), d.version()));
        }
      }
      assertThat(fetched).as("go fetched nothing: %s", r.stderr()).isNotEmpty();
      List<ModuleRef> ours = ingestion.plan(unit(name, dir), false).refs();
      assertThat(ours).as(name).containsExactlyInAnyOrderElementsOf(fetched);
    }
  }

  private void withDeps(String name) throws IOException {
    Path dir = lay(name, "deps");
    try (GoSandbox env = referee(name)) {
      GoResult r = go.run(env, dir, TIMEOUT, "list", "-m", "all");
      assertThat(r.ok()).as("go list -m all: %s", r.stderr()).isTrue();
      List<ModuleRef> buildList = new ArrayList<>();
      for (String line : r.stdout().strip().split("\n")) {
        String[] f = line.strip().split("\\s+");
        if (f.length >= 2 && f[1].startsWith("v")) {
          buildList.add(ModuleRef.of(f[0], f[1]));
        }
      }
      Set<ModuleRef> modsRead = modFiles(env.modCache().resolve("cache/download"));
      assertThat(buildList).as("go's build list").isNotEmpty();
      assertThat(modsRead).as("go.mod files go downloaded").isNotEmpty();
      GoModIngestion.Plan plan = ingestion.plan(unit(name, dir), true);
      ModuleGraph.Graph graph =
          new ModuleGraph(
                  Upstreams.fromGoproxy(
                      corpus.downloadTree().toUri().toString(), UpstreamConfig.defaults()),
                  GraphBounds.defaults())
              .load(mains(name, dir), replacements(name, dir), d -> Optional.empty());
      assertThat(graph.buildList())
          .as("%s: build list", name)
          .containsExactlyInAnyOrderElementsOf(buildList);
      assertThat(graph.goModsRead())
          .as("%s: go.mod files read", name)
          .containsExactlyInAnyOrderElementsOf(modsRead);
      assertThat(plan.refs()).as(name).containsAll(graph.everything());
    }
  }

  private static GoSandbox referee(String name) {
    return GoSandbox.isolated(corpus.downloadTree().toUri().toString(), "off")
        .with(Map.of("GOFLAGS", goflags(name)));
  }

  /** The go command refuses -mod=mod in a workspace. */
  private static String goflags(String name) {
    return name.equals("workspace") ? "" : "-mod=mod";
  }

  private static GoModSources.Unit unit(String name, Path dir) throws IOException {
    if (name.equals("workspace")) {
      Path f = dir.resolve("go.work");
      return new GoModSources.WorkspaceUnit(f.toString(), Files.readString(f), dir);
    }
    Path f = dir.resolve("go.mod");
    return new GoModSources.ModuleUnit(f.toString(), Files.readString(f), Optional.of(dir));
  }

  private static Map<String, GoModFile> mains(String name, Path dir) throws IOException {
    if (!name.equals("workspace")) {
      Path f = dir.resolve("go.mod");
      return Map.of(f.toString(), GoModParser.parse(f.toString(), Files.readString(f)));
    }
    var mains = new java.util.LinkedHashMap<String, GoModFile>();
    for (String m : List.of("a", "b")) {
      Path f = dir.resolve(m).resolve("go.mod");
      mains.put(f.toString(), GoModParser.parse(f.toString(), Files.readString(f)));
    }
    return mains;
  }

  private static dev.modmirror.core.gomod.Replacements replacements(String name, Path dir)
      throws IOException {
    Map<String, GoModFile> mains = mains(name, dir);
    if (!name.equals("workspace")) {
      var e = mains.entrySet().iterator().next();
      return dev.modmirror.core.gomod.Replacements.of(e.getKey(), e.getValue());
    }
    Path f = dir.resolve("go.work");
    return dev.modmirror.core.gomod.Replacements.workspace(
        f.toString(), GoWorkParser.parse(f.toString(), Files.readString(f)), mains);
  }

  /** A fresh copy of a case: its go.mod (or workspace tree) and its local replacement dirs. */
  private static Path lay(String name, String purpose) {
    try {
      Path dir = Files.createDirectories(work.resolve(purpose).resolve(name));
      Path source = Path.of(GoModRequestsGoIT.class.getResource("real/" + name).toURI());
      if (Files.isDirectory(source)) {
        try (Stream<Path> files = Files.walk(source)) {
          for (Path p : files.filter(Files::isRegularFile).toList()) {
            Path to = dir.resolve(source.relativize(p).toString());
            Files.createDirectories(to.getParent());
            Files.copy(p, to);
          }
        }
        return dir;
      }
      String text = Files.readString(source, StandardCharsets.UTF_8);
      Files.writeString(dir.resolve("go.mod"), text);
      for (Replace r : GoModParser.parse(name, text).replaces()) {
        if (r.isLocal()) {
          Path local = Files.createDirectories(dir.resolve(r.newPath()).normalize());
          Files.writeString(local.resolve("go.mod"), "module " + r.oldPath() + "\n\ngo 1.21\n");
        }
      }
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Every {@code .mod} in a download cache, as a module version. */
  private static Set<ModuleRef> modFiles(Path downloadTree) throws IOException {
    Set<ModuleRef> refs = new LinkedHashSet<>();
    if (!Files.isDirectory(downloadTree)) {
      return refs;
    }
    try (Stream<Path> files = Files.walk(downloadTree)) {
      for (Path p : files.filter(f -> f.toString().endsWith(".mod")).toList()) {
        String rel = downloadTree.relativize(p).toString();
        int at = rel.indexOf("/@v/");
        if (at < 0 || rel.startsWith("sumdb/")) {
          continue;
        }
        String path = ModulePaths.unescapePath(rel.substring(0, at));
        String file = rel.substring(at + 4);
        String version = ModulePaths.unescapeVersion(file.substring(0, file.length() - 4));
        refs.add(ModuleRef.of(path, version));
      }
    }
    return refs;
  }

  private static ModDownload parse(String json) {
    return ModDownload.parseObject(json);
  }
}
