package dev.modmirror.deploy.config;

import dev.modmirror.gotool.GoResult;
import dev.modmirror.gotool.GoSandbox;
import dev.modmirror.gotool.GoToolchain;
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
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Helm and {@code deploytool} (deploy/src/test/go/deploytool: strict Kubernetes decoding and the
 * compose-spec loader), built by the go command from the module's pinned versions (Helm v3.22.0,
 * compose-go v2.16.2) into {@code ~/.cache/modmirror/deploytool/<source hash>}, so that later runs
 * are offline. Only the go command downloads (through the Go module proxy, into the shared {@code
 * ~/.cache/modmirror/gomodcache}). Never skips: without Go, or when the build fails, the test
 * fails.
 */
final class DeployTool {
  private static final List<String> SOURCES = List.of("go.mod", "go.sum", "main.go");
  // The first build of Helm takes minutes on a loaded 2-core machine.
  private static final Duration BUILD_TIMEOUT = Duration.ofMinutes(25);
  private static final Duration RUN_TIMEOUT = Duration.ofMinutes(2);
  private static DeployTool built;

  private final Path helm;
  private final Path deploytool;
  private final Path helmHome;

  private DeployTool(Path dir) {
    this.helm = dir.resolve("helm");
    this.deploytool = dir.resolve("deploytool");
    this.helmHome = dir.resolve("helm-home");
  }

  /** What a tool printed and how it ended. */
  record Run(int exitCode, String stdout, String stderr) {
    boolean ok() {
      return exitCode == 0;
    }
  }

  /** The tools, built now if this source version was never built here. */
  static synchronized DeployTool get() {
    if (built == null) {
      built = build();
    }
    return built;
  }

  Run helm(Path dir, String... args) {
    List<String> command = new ArrayList<>(List.of(helm.toString()));
    command.addAll(List.of(args));
    return run(
        command,
        dir,
        "",
        Map.of(
            "HELM_CACHE_HOME", helmHome.resolve("cache").toString(),
            "HELM_CONFIG_HOME", helmHome.resolve("config").toString(),
            "HELM_DATA_HOME", helmHome.resolve("data").toString()));
  }

  /** Strict decoding of every object of a YAML stream, and the chart's pod policy. */
  Run k8s(String objects) {
    return run(List.of(deploytool.toString(), "k8s"), Path.of("."), objects, Map.of());
  }

  /** docker-compose.yml and .env of {@code dir} loaded as docker compose loads them. */
  Run compose(Path dir) {
    return run(List.of(deploytool.toString(), "compose", dir.toString()), dir, "", Map.of());
  }

  private static Run run(List<String> command, Path dir, String stdin, Map<String, String> env) {
    ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
    builder.environment().keySet().removeIf(k -> k.startsWith("HELM_") || k.startsWith("COMPOSE_"));
    builder.environment().putAll(env);
    try {
      Process p = builder.start();
      CompletableFuture<String> out = drain(p.getInputStream());
      CompletableFuture<String> err = drain(p.getErrorStream());
      p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
      p.getOutputStream().close();
      if (!p.waitFor(RUN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        p.destroyForcibly();
        throw new AssertionError(command + " did not end within " + RUN_TIMEOUT);
      }
      return new Run(p.exitValue(), out.join(), err.join());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run " + command, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  private static CompletableFuture<String> drain(InputStream in) {
    return CompletableFuture.supplyAsync(
        () -> {
          try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
  }

  private static DeployTool build() {
    GoToolchain go =
        GoToolchain.locate()
            .orElseThrow(
                () ->
                    new AssertionError(
                        "the chart and compose checks need the go command to build Helm and"
                            + " compose-go; it is not on PATH"));
    Path sources = ConfigNames.root().resolve("deploy/src/test/go/deploytool");
    Path cache = Path.of(System.getProperty("user.home"), ".cache", "modmirror");
    Path dir = cache.resolve("deploytool").resolve(hash(sources));
    DeployTool tool = new DeployTool(dir);
    if (Files.isExecutable(tool.helm) && Files.isExecutable(tool.deploytool)) {
      return tool;
    }
    long start = System.nanoTime();
    try {
      Files.createDirectories(cache);
      Path work = Files.createTempDirectory(cache, "deploytool-build-");
      for (String s : SOURCES) {
        Files.copy(sources.resolve(s), work.resolve(s));
      }
      Map<String, String> vars =
          Map.of(
              "GOMODCACHE", cache.resolve("gomodcache").toString(),
              "GOCACHE", cache.resolve("gocache").toString(),
              "GOPATH", cache.resolve("gopath").toString(),
              "GOFLAGS", "-mod=mod",
              "GOTOOLCHAIN", "local",
              "GOPROXY", "https://proxy.golang.org,direct",
              "GOSUMDB", "sum.golang.org",
              "CGO_ENABLED", "0");
      try (GoSandbox env = GoSandbox.isolated("off", "off").with(vars)) {
        for (String[] args :
            List.of(
                new String[] {"build", "-o", "deploytool", "."},
                new String[] {"build", "-o", "helm", "helm.sh/helm/v3/cmd/helm"})) {
          GoResult r = go.run(env, work, BUILD_TIMEOUT, args);
          if (!r.ok()) {
            throw new AssertionError("go " + String.join(" ", args) + " failed: " + r.stderr());
          }
        }
      }
      Files.createDirectories(dir);
      Files.move(work.resolve("helm"), tool.helm, StandardCopyOption.REPLACE_EXISTING);
      Files.move(work.resolve("deploytool"), tool.deploytool, StandardCopyOption.REPLACE_EXISTING);
      try (var left = Files.list(work)) {
        for (Path p : left.toList()) {
          Files.delete(p);
        }
      }
      Files.delete(work);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot build the deploy tools under " + cache, e);
    }
    System.err.printf(
        "deploytool: built Helm and deploytool in %d s%n",
        Duration.ofNanos(System.nanoTime() - start).toSeconds());
    return tool;
  }

  private static String hash(Path sources) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      for (String s : SOURCES) {
        sha.update(s.getBytes(StandardCharsets.UTF_8));
        sha.update(Files.readAllBytes(sources.resolve(s)));
      }
      return HexFormat.of().formatHex(sha.digest()).substring(0, 16);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
