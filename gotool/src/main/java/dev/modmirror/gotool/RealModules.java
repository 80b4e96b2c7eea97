package dev.modmirror.gotool;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assertions;

/**
 * A corpus of real module versions that only the go command downloads, for interop tests that
 * synthetic modules cannot replace: vanity paths, {@code +incompatible}, {@code /vN} and {@code
 * gopkg.in} majors, pseudo-versions, upper-case paths, a module of several MiB, a zip that leaves
 * out nested modules' directories.
 *
 * <p>The go command fetches them with the machine's GOPROXY and checksum database into a module
 * cache that outlives the test run ({@value #DIR_PROPERTY}, default {@code
 * ~/.cache/modmirror/real-modules}), GOPATH included, so that its checksum-database state ({@code
 * pkg/sumdb}) persists too: the first run downloads about 15 MiB; every later run is offline. Its
 * {@code pkg/mod/cache/download} is a GOPROXY tree (with {@code sumdb/} lookups and tiles) that
 * tests serve as a {@code file://} upstream; {@code Sum} and {@code GoModSum} are Go's own h1
 * values.
 */
public final class RealModules {
  /** The system property naming the cache directory. */
  public static final String DIR_PROPERTY = "modmirror.corpus.dir";

  /**
   * The corpus, {@code module@version}, each chosen for a case (exact versions, so the hashes never
   * move).
   */
  public static final List<String> CORPUS =
      List.of(
          "github.com/google/uuid@v1.6.0",
          "github.com/pkg/errors@v0.9.1",
          "github.com/davecgh/go-spew@v1.1.1",
          "github.com/cespare/xxhash/v2@v2.3.0", // a /v2 module
          "github.com/spf13/pflag@v1.0.5",
          "github.com/spf13/cobra@v1.8.0", // its go.mod is an ingest referee vector
          "github.com/BurntSushi/toml@v1.4.0", // upper case: !burnt!sushi
          "github.com/Azure/go-autorest@v14.2.0+incompatible", // +incompatible, upper case
          "github.com/Azure/go-ansiterm@v0.0.0-20230124172434-306776ec8161", // pseudo-version
          "github.com/Masterminds/semver/v3@v3.2.1", // upper case and /v3
          "golang.org/x/mod@v0.22.0", // vanity path
          "golang.org/x/sys@v0.15.0", // vanity path, about 2 MiB
          "golang.org/x/text@v0.14.0", // several MiB (about 9 MiB zipped)
          "github.com/aws/aws-sdk-go-v2@v1.30.0", // nested modules (service/...) left out
          "gopkg.in/yaml.v3@v3.0.1", // gopkg.in major
          "github.com/stretchr/testify@v1.9.0",
          "github.com/go-chi/chi/v5@v5.0.12",
          "github.com/mattn/go-isatty@v0.0.20",
          "github.com/golang/protobuf@v1.5.4", // deprecated module
          "github.com/sirupsen/logrus@v1.9.3");

  private static final Duration TIMEOUT = Duration.ofMinutes(5);

  private final Path gopath;
  private final Map<String, ModDownload> downloads;

  private RealModules(Path gopath, Map<String, ModDownload> downloads) {
    this.gopath = gopath;
    this.downloads = downloads;
  }

  /**
   * Makes sure every corpus version is in the cache: first offline ({@code GOPROXY=off}); only what
   * is missing is fetched through the machine's GOPROXY. Fails the calling test, naming the proxy
   * and Go's error, when the go command cannot download them.
   */
  public static RealModules download(GoToolchain go) {
    return download(go, CORPUS);
  }

  /** {@link #download(GoToolchain)} for the given {@code module@version} list. */
  public static RealModules download(GoToolchain go, List<String> modules) {
    return download(go, modules, cacheDir(), MachineGo.read(go));
  }

  // The rule, apart from the machine's cache and proxy, so that a test can point it elsewhere.
  static RealModules download(
      GoToolchain go, List<String> modules, Path cacheDir, MachineGo machine) {
    Path gopath = cacheDir.resolve("gopath");
    Map<String, ModDownload> found = run(go, gopath, "off", machine.gosumdb(), modules);
    List<String> missing = modules.stream().filter(m -> !downloaded(found.get(m))).toList();
    if (!missing.isEmpty()) {
      Map<String, ModDownload> fetched =
          run(go, gopath, machine.goproxy(), machine.gosumdb(), missing);
      for (String m : missing) {
        ModDownload d = fetched.get(m);
        if (!downloaded(d)) {
          Assertions.fail(
              "the go command could not download the real-module corpus entry "
                  + m
                  + " through GOPROXY="
                  + machine.goproxy()
                  + " (GOSUMDB="
                  + machine.gosumdb()
                  + "): "
                  + d.error()
                  + "\nThe first run needs the Go module proxy; later runs use the cache in "
                  + gopath);
        }
        found.put(m, d);
      }
    }
    return new RealModules(gopath, found);
  }

  // Per module: one failed argument makes go exit 1 for the whole command.
  private static boolean downloaded(ModDownload d) {
    return d.error() == null && d.sum() != null && d.goModSum() != null;
  }

  /** The cache root: {@value #DIR_PROPERTY}, else {@code ~/.cache/modmirror/real-modules}. */
  static Path cacheDir() {
    String dir = System.getProperty(DIR_PROPERTY, "");
    return dir.isBlank()
        ? Path.of(System.getProperty("user.home"), ".cache", "modmirror", "real-modules")
        : Path.of(dir);
  }

  private static Map<String, ModDownload> run(
      GoToolchain go, Path gopath, String goproxy, String gosumdb, List<String> modules) {
    try {
      Files.createDirectories(gopath);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + gopath, e);
    }
    Map<String, String> shared =
        Map.of("GOPATH", gopath.toString(), "GOMODCACHE", gopath.resolve("pkg/mod").toString());
    try (GoSandbox env = GoSandbox.isolated(goproxy, gosumdb)) {
      List<String> args = new ArrayList<>(List.of("mod", "download", "-json"));
      args.addAll(modules);
      GoResult result = go.run(env.with(shared), env.root(), TIMEOUT, args.toArray(String[]::new));
      Map<String, ModDownload> byModule = new LinkedHashMap<>();
      List<String> objects = ModDownload.objects(result.stdout());
      for (String m : modules) {
        ModDownload d =
            objects.stream()
                .map(json -> ModDownload.parse(json, result))
                .filter(x -> m.equals(x.path() + "@" + x.version()))
                .findFirst()
                .orElseGet(() -> ModDownload.failed(result));
        byModule.put(m, d);
      }
      return byModule;
    }
  }

  /**
   * Runs {@code go args…} in {@code dir} (a module or workspace) with this corpus's cache, so that
   * what it downloads joins the corpus: first offline ({@code GOPROXY=off}), and only if that fails
   * again through the machine's GOPROXY. Later runs are then offline.
   *
   * @param goflags the GOFLAGS value ({@code -mod=mod} for a module; empty in a workspace, where
   *     the go command refuses {@code -mod=mod})
   * @return the last run's result
   */
  public GoResult inModule(GoToolchain go, Path dir, String goflags, String... args) {
    MachineGo machine = MachineGo.read(go);
    GoResult offline = runIn(go, dir, "off", machine.gosumdb(), goflags, args);
    return offline.ok()
        ? offline
        : runIn(go, dir, machine.goproxy(), machine.gosumdb(), goflags, args);
  }

  private GoResult runIn(
      GoToolchain go, Path dir, String goproxy, String gosumdb, String goflags, String... args) {
    Map<String, String> shared =
        Map.of(
            "GOPATH",
            gopath.toString(),
            "GOMODCACHE",
            gopath.resolve("pkg/mod").toString(),
            "GOFLAGS",
            goflags);
    try (GoSandbox env = GoSandbox.isolated(goproxy, gosumdb)) {
      return go.run(env.with(shared), dir, TIMEOUT, args);
    }
  }

  /** Go's record of one corpus version ({@code module@version}). */
  public ModDownload get(String moduleAtVersion) {
    ModDownload d = downloads.get(moduleAtVersion);
    if (d == null) {
      throw new IllegalArgumentException(moduleAtVersion + " is not in this corpus");
    }
    return d;
  }

  /** Every version, in corpus order. */
  public List<ModDownload> all() {
    return List.copyOf(downloads.values());
  }

  /** The go command's download cache: a GOPROXY tree to serve as a {@code file://} upstream. */
  public Path downloadTree() {
    return gopath.resolve("pkg/mod/cache/download");
  }

  /**
   * The cache's GOPATH, for go commands that must reuse the corpus offline (set GOPATH and
   * GOMODCACHE={@code gopath/pkg/mod}).
   */
  public Path gopath() {
    return gopath;
  }

  /** The machine's own GOPROXY and GOSUMDB, as its go command reads them (environment, go env). */
  record MachineGo(String goproxy, String gosumdb) {
    static MachineGo read(GoToolchain go) {
      GoResult r = go.runInherited("env", "GOPROXY", "GOSUMDB");
      List<String> lines = r.stdout().lines().toList();
      String goproxy =
          lines.size() > 0 && !lines.get(0).isBlank()
              ? lines.get(0)
              : "https://proxy.golang.org,direct";
      String gosumdb =
          lines.size() > 1 && !lines.get(1).isBlank() ? lines.get(1) : "sum.golang.org";
      // The cache must carry checksum-database lookups: a machine that turned it off gets the
      // default.
      return new MachineGo(goproxy, gosumdb.equals("off") ? "sum.golang.org" : gosumdb);
    }
  }
}
