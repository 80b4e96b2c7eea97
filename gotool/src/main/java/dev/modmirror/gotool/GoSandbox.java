package dev.modmirror.gotool;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A sandbox for running the go command: a temp directory with GOPATH, GOMODCACHE, GOCACHE and HOME
 * of its own, {@code GOTOOLCHAIN=local}, {@code GOFLAGS=-mod=mod}, {@code GO111MODULE=on}, and the
 * given GOPROXY and GOSUMDB. Nothing of the user's Go set-up leaks in. {@link #close()} deletes the
 * tree (the module cache is read-only, so it is made writable first). Not to be confused with
 * {@code core.upstream.GoEnv}, which reads the GO* variables that steer modmirror itself.
 */
public final class GoSandbox implements AutoCloseable {
  private final Path root;
  private final Map<String, String> variables;

  private GoSandbox(Path root, Map<String, String> variables) {
    this.root = root;
    this.variables = variables;
  }

  /**
   * Creates the directories and the variables.
   *
   * @param goproxy the GOPROXY value (a loopback URL or {@code file://} tree)
   * @param gosumdb the GOSUMDB value; null or blank means {@code off}
   * @throws UncheckedIOException if the temp directory cannot be created
   */
  public static GoSandbox isolated(String goproxy, String gosumdb) {
    Path root;
    try {
      root = Files.createTempDirectory("modmirror-go-");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a temp dir for go", e);
    }
    disableTelemetry(root.resolve("home"));
    Map<String, String> v = new LinkedHashMap<>();
    v.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
    v.put("HOME", root.resolve("home").toString());
    v.put("GOPATH", root.resolve("gopath").toString());
    v.put("GOMODCACHE", root.resolve("gomodcache").toString());
    v.put("GOCACHE", root.resolve("gocache").toString());
    v.put("GOENV", root.resolve("goenv").toString());
    v.put("TMPDIR", System.getProperty("java.io.tmpdir"));
    v.put("GOTOOLCHAIN", "local");
    v.put("GOFLAGS", "-mod=mod");
    v.put("GO111MODULE", "on");
    v.put("GOPROXY", goproxy);
    v.put("GOSUMDB", gosumdb == null || gosumdb.isBlank() ? "off" : gosumdb);
    // No GONOSUMDB/GOPRIVATE/GONOSUMCHECK/GOINSECURE: the environment is built, not inherited.
    return new GoSandbox(root, Map.copyOf(v));
  }

  /**
   * Go 1.23+ records telemetry under the user config dir and may start a child process that keeps
   * writing there after the go command exits, racing {@link #close()}. Mode {@code off} in the
   * private HOME stops both.
   */
  private static void disableTelemetry(Path home) {
    Path mode = home.resolve(".config/go/telemetry/mode");
    try {
      Files.createDirectories(mode.getParent());
      Files.writeString(mode, "off");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + mode, e);
    }
  }

  /** The temp directory holding everything; a good working directory. */
  public Path root() {
    return root;
  }

  /** The module cache ({@code GOMODCACHE}). */
  public Path modCache() {
    return Path.of(variables.get("GOMODCACHE"));
  }

  /**
   * The same directories with some variables replaced or added (e.g. another GOPROXY, a GONOSUMDB),
   * so that successive go commands share one module cache and checksum-database state. Closing
   * either environment deletes the shared tree.
   */
  public GoSandbox with(Map<String, String> overrides) {
    Map<String, String> v = new LinkedHashMap<>(variables);
    v.putAll(overrides);
    return new GoSandbox(root, Map.copyOf(v));
  }

  /** The complete process environment. */
  public Map<String, String> variables() {
    return variables;
  }

  /**
   * Deletes the tree, making the read-only module cache writable first. (The same walk as core's
   * {@code Trees.delete}: gotool cannot depend on core, whose own tests depend on gotool.)
   *
   * @throws UncheckedIOException if something cannot be deleted
   */
  @Override
  public void close() {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        p.toFile().setWritable(true);
        if (p.getParent() != null) {
          p.getParent().toFile().setWritable(true);
        }
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + root, e);
    }
  }
}
