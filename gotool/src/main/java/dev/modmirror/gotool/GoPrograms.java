package dev.modmirror.gotool;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Go programs shipped as classpath resources (a main package with its {@code go.mod} and {@code
 * go.sum} pinning every dependency), built by the go command once per version of their sources into
 * {@code ~/.cache/modmirror/<name>/<hash of the sources>/<name>}. The go command alone fetches
 * modules, into {@code ~/.cache/modmirror/gomodcache}, shared by every program; later builds and
 * every run are offline.
 */
public final class GoPrograms {
  private GoPrograms() {}

  /**
   * The program's binary, built now if this version of its sources has not been.
   *
   * @param owner the class whose package holds the sources, under {@code name/}
   * @param name the program's name: its resource directory, cache directory and binary
   * @param files the sources, relative to {@code name/} (subdirectories allowed)
   * @param goflags the build's GOFLAGS (e.g. {@code -mod=readonly} for a go.sum that must not move)
   * @throws IllegalStateException if the go command fails to build it
   * @throws UncheckedIOException if the cache cannot be written
   */
  public static Path build(
      GoToolchain go,
      Class<?> owner,
      String name,
      List<String> files,
      String goflags,
      Duration timeout) {
    Map<String, byte[]> sources = sources(owner, name, files);
    Path cache = Path.of(System.getProperty("user.home"), ".cache", "modmirror");
    Path binary = cache.resolve(name).resolve(hash(sources)).resolve(name);
    if (Files.isExecutable(binary)) {
      return binary;
    }
    try {
      Files.createDirectories(cache);
      Path work = Files.createTempDirectory(cache, name + "-build-");
      for (Map.Entry<String, byte[]> s : sources.entrySet()) {
        Path file = work.resolve(s.getKey());
        Files.createDirectories(file.getParent());
        Files.write(file, s.getValue());
      }
      Map<String, String> vars =
          Map.of(
              "GOMODCACHE", cache.resolve("gomodcache").toString(),
              "GOCACHE", cache.resolve("gocache").toString(),
              "GOPATH", cache.resolve("gopath").toString(),
              "GOFLAGS", goflags,
              "CGO_ENABLED", "0");
      try (GoSandbox env =
          GoSandbox.isolated("https://proxy.golang.org,direct", "sum.golang.org").with(vars)) {
        GoResult r = go.run(env, work, timeout, "build", "-trimpath", "-o", name, ".");
        if (!r.ok()) {
          throw new IllegalStateException("cannot build " + name + ": " + r.stderr());
        }
      }
      Files.createDirectories(binary.getParent());
      Files.move(work.resolve(name), binary, StandardCopyOption.REPLACE_EXISTING);
      try (Stream<Path> tree = Files.walk(work)) {
        for (Path p : tree.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      }
      return binary;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot build " + name + " under " + cache, e);
    }
  }

  private static Map<String, byte[]> sources(Class<?> owner, String name, List<String> files) {
    Map<String, byte[]> sources = new TreeMap<>();
    for (String file : files) {
      try (InputStream s = owner.getResourceAsStream(name + "/" + file)) {
        if (s == null) {
          throw new IllegalStateException(name + "'s " + file + " is not on the classpath");
        }
        sources.put(file, s.readAllBytes());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return sources;
  }

  // Names and contents in name order: the cache directory of this version of the sources.
  private static String hash(Map<String, byte[]> sources) {
    try {
      MessageDigest d = MessageDigest.getInstance("SHA-256");
      sources.forEach(
          (k, v) -> {
            d.update(k.getBytes(StandardCharsets.UTF_8));
            d.update(v);
          });
      return HexFormat.of().formatHex(d.digest()).substring(0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
