package dev.modmirror.testkit.go;

import dev.modmirror.testkit.TempDirs;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A private Go environment under a temp directory: GOPATH, GOMODCACHE, GOCACHE and HOME of its own,
 * {@code GOTOOLCHAIN=local}, {@code GOFLAGS=-mod=mod}, {@code GO111MODULE=on}, and the given
 * GOPROXY and GOSUMDB. Nothing of the user's Go set-up leaks in. {@link #close()} deletes the tree
 * (the module cache is read-only, so it is made writable first).
 */
public final class GoEnv implements AutoCloseable {
  private final Path root;
  private final Map<String, String> variables;

  private GoEnv(Path root, Map<String, String> variables) {
    this.root = root;
    this.variables = variables;
  }

  /**
   * Creates the directories and the variables.
   *
   * @param goproxy the GOPROXY value (a loopback URL or {@code file://} tree)
   * @param gosumdb the GOSUMDB value; null or blank means {@code off}
   */
  public static GoEnv isolated(String goproxy, String gosumdb) {
    Path root = TempDirs.create("modmirror-go-");
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
    return new GoEnv(root, Map.copyOf(v));
  }

  /** The temp directory holding everything; a good working directory. */
  public Path root() {
    return root;
  }

  /** The module cache ({@code GOMODCACHE}). */
  public Path modCache() {
    return Path.of(variables.get("GOMODCACHE"));
  }

  /** The complete process environment. */
  public Map<String, String> variables() {
    return variables;
  }

  @Override
  public void close() {
    TempDirs.deleteTree(root);
  }
}
