package dev.modmirror.core.module;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modmirror.gotool.GoResult;
import dev.modmirror.gotool.GoSandbox;
import dev.modmirror.gotool.GoToolchain;
import dev.modmirror.gotool.ModDownload;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The go command as referee for our path and version vectors: Go's answer is compared with ours,
 * not our answer with our belief. Nothing leaves the machine: GOPROXY is {@code off} or a {@code
 * file://} tree.
 */
class GoPathVectorsIT {
  @TempDir Path tmp;
  private GoToolchain go;
  private GoSandbox env;
  private Path work;

  @BeforeEach
  void findGo() throws IOException {
    go = GoToolchain.require();
    env = GoSandbox.isolated("off", "off");
    // Inside a module, as a user's go command would be.
    work = Files.createDirectories(tmp.resolve("work"));
    Files.writeString(work.resolve("go.mod"), "module example.com/referee\n\ngo 1.19\n");
  }

  @AfterEach
  void cleanCache() {
    if (env != null) {
      env.close();
    }
  }

  /** Runs go in the work module with GOPROXY set to {@code goproxy}. */
  private GoResult run(String goproxy, List<String> args) {
    return go.run(
        env.with(Map.of("GOPROXY", goproxy)),
        work,
        Duration.ofSeconds(60),
        args.toArray(String[]::new));
  }

  /** Everything go printed: stdout, then stderr. */
  private static String output(GoResult r) {
    return r.stdout() + r.stderr();
  }

  @Test
  void goAcceptsAndRejectsModulePathsAsWeDo() throws Exception {
    // NUL cannot travel in argv; '@' is the go command's own separator; "" is not an argument.
    List<PathVectors.Vector> vectors =
        PathVectors.MODULE_PATHS.stream()
            .filter(v -> !v.path().isEmpty() && v.path().indexOf('\0') < 0)
            .filter(v -> v.path().indexOf('@') < 0 && v.path().indexOf('\\') < 0)
            .toList();
    List<String> args = new ArrayList<>(List.of("mod", "download", "-json", "--"));
    vectors.forEach(v -> args.add(v.path() + "@" + versionFor(v.path())));

    GoResult result = run("off", args);

    Map<String, String> goErrors = GoJson.errorsByPath(output(result));
    assertThat(goErrors.keySet()).as(output(result)).hasSize(vectors.size());
    for (PathVectors.Vector v : vectors) {
      String goError = goErrors.get(v.path());
      String prefix = v.path() + "@" + versionFor(v.path()) + ": ";
      if (ModulePaths.isValidPath(v.path())) {
        assertThat(goError)
            .as(v.path())
            .isEqualTo(prefix + "module lookup disabled by GOPROXY=off");
      } else {
        String ours = catchMessage(v.path());
        assertThat(goError).as(v.path()).isEqualTo(prefix + ours);
      }
      assertThat(ModulePaths.isValidPath(v.path())).as(v.path()).isEqualTo(v.valid());
    }
  }

  @Test
  void goRejectsBackslashPathsAsWeDo() throws Exception {
    GoResult result =
        run("off", List.of("mod", "download", "-json", "--", "example.com/a\\b@v1.0.0"));
    assertThat(result.exitCode()).isNotZero();
    assertThat(output(result)).contains("module paths never use backslash");
    assertThat(ModulePaths.isValidPath("example.com/a\\b")).isFalse();
  }

  @Test
  void goSortsVersionListAsWeDo() throws Exception {
    List<String> versions = new ArrayList<>(SemverTest.ORDERED);
    versions.addAll(
        List.of(
            "v1.2.3-20191109021931-daa7c04131f5",
            "v1.1.0-20191109021931-daa7c04131f5",
            "v1.2.4-0.20191109021931-daa7c04131f5",
            "v1.2.3-pre.0.20191109021931-daa7c04131f5"));
    Collections.shuffle(versions, new Random(7));
    Path proxy = writeProxyTree("example.com/m", versions);

    GoResult result =
        run(proxy.toUri().toString(), List.of("list", "-m", "-versions", "example.com/m"));

    assertThat(result.exitCode()).as(output(result)).isZero();
    List<String> goOrder = List.of(output(result).strip().split("\\s+"));
    List<String> ours =
        Semver.sortVersions(versions.stream().filter(v -> !Semver.isPseudo(v)).toList());
    assertThat(goOrder.subList(1, goOrder.size())).containsExactlyElementsOf(ours);
  }

  @Test
  void goFindsUpperCaseModulesUnderOurEscapedNames() throws Exception {
    Map<String, String> modules = new LinkedHashMap<>();
    modules.put("github.com/Azure/Go-Autorest", "v1.0.0-RC.1");
    modules.put("example.com/ABC/v2", "v2.0.0-Beta");
    Path root = tmp.resolve("escaped");
    List<String> args = new ArrayList<>(List.of("mod", "download", "-json"));
    for (Map.Entry<String, String> m : modules.entrySet()) {
      writeModule(root, m.getKey(), m.getValue());
      args.add(m.getKey() + "@" + m.getValue());
    }

    GoResult result = run(root.toUri().toString(), args);

    assertThat(result.exitCode()).as(output(result)).isZero();
    assertThat(output(result)).doesNotContain("\"Error\"");
    for (Map.Entry<String, String> m : modules.entrySet()) {
      String escapedDir = ModulePaths.escapePath(m.getKey()) + "/@v/";
      assertThat(
              env.modCache()
                  .resolve(
                      "cache/download/"
                          + escapedDir
                          + ModulePaths.escapeVersion(m.getValue())
                          + ".zip"))
          .exists();
      assertThat(ModulePaths.unescapePath(ModulePaths.escapePath(m.getKey())))
          .isEqualTo(m.getKey());
    }
  }

  private static void writeModule(Path root, String module, String version) throws IOException {
    Path dir = Files.createDirectories(root.resolve(ModulePaths.escapePath(module)).resolve("@v"));
    String v = ModulePaths.escapeVersion(version);
    String goMod = "module " + module + "\n";
    Files.writeString(dir.resolve("list"), version + "\n");
    Files.writeString(
        dir.resolve(v + ".info"),
        "{\"Version\":\"" + version + "\",\"Time\":\"2020-01-01T00:00:00Z\"}");
    Files.writeString(dir.resolve(v + ".mod"), goMod);
    try (var zip =
        new java.util.zip.ZipOutputStream(Files.newOutputStream(dir.resolve(v + ".zip")))) {
      zip.putNextEntry(new java.util.zip.ZipEntry(module + "@" + version + "/go.mod"));
      zip.write(goMod.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      zip.closeEntry();
    }
  }

  private Path writeProxyTree(String module, List<String> versions) throws IOException {
    Path root = tmp.resolve("proxy");
    Path dir = Files.createDirectories(root.resolve(ModulePaths.escapePath(module)).resolve("@v"));
    Files.writeString(dir.resolve("list"), String.join("\n", versions) + "\n");
    for (String v : versions) {
      String escaped = ModulePaths.escapeVersion(v);
      Files.writeString(
          dir.resolve(escaped + ".info"),
          "{\"Version\":\"" + v + "\",\"Time\":\"2020-01-01T00:00:00Z\"}");
      Files.writeString(dir.resolve(escaped + ".mod"), "module " + module + "\n");
    }
    return root;
  }

  /** A version that fits the path's major suffix, so that Go judges only the path. */
  private static String versionFor(String path) {
    if (!ModulePaths.isValidPath(path)) {
      return "v1.0.0";
    }
    String major = ModulePaths.splitPathVersion(path).orElseThrow().pathMajor();
    if (major.isEmpty()) {
      return "v1.0.0";
    }
    String n = major.substring(2).replace("-unstable", "");
    return "v" + n + (n.equals("0") ? ".1.0" : ".0.0");
  }

  private static String catchMessage(String path) {
    try {
      ModulePaths.checkPath(path);
      return "(accepted)";
    } catch (RuntimeException e) {
      return e.getMessage();
    }
  }

  /** Just enough JSON for {@code go mod download -json}'s Path and Error string fields. */
  static final class GoJson {
    private GoJson() {}

    static Map<String, String> errorsByPath(String output) {
      Map<String, String> errors = new LinkedHashMap<>();
      String path = null;
      for (String line : output.split("\n")) {
        String t = line.strip();
        if (t.startsWith("\"Path\": ")) {
          path = string(t.substring(8));
        } else if (t.startsWith("\"Error\": ") && path != null) {
          errors.put(path, string(t.substring(9)));
        }
      }
      return errors;
    }

    private static String string(String json) {
      String s = json.endsWith(",") ? json.substring(0, json.length() - 1) : json;
      return ModDownload.unescape(s.substring(1, s.length() - 1));
    }
  }
}
