package dev.modmirror.deploy.bench;

import dev.modmirror.core.io.Trees;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An S3 server in a process of its own, for the benches whose measured JVM must not hold it:
 * gofakes3 (github.com/johannesboyne/gofakes3 v1.2.0, MIT) with its in-memory backend, through the
 * small command beside this class ({@code s3server/main.go}, its changes to gofakes3 listed there).
 * Its objects sit in a skip list sorted by key, so a page of a listing, with or without a prefix,
 * costs a seek and the page whatever the bucket's size (S3Proxy's file-system store walks the whole
 * bucket for every page), and its conditional PUTs are checked and written under one lock (the
 * store's start-up probe passes). It accepts any credentials (signatures are not checked) and keeps
 * nothing after it stops.
 *
 * <p>The binary is built by the go command from that module ({@code s3server/go.mod}, {@code
 * go.sum}: every dependency's version and hash pinned) once per version of its sources, under
 * {@code ~/.cache/modmirror/s3server/<hash>}, as {@code GoOracle} builds the oracle: the go command
 * alone fetches modules, through the Go module proxy, into {@code ~/.cache/modmirror/gomodcache};
 * later builds and every run are offline.
 */
final class GoS3Server implements AutoCloseable {
  private static final List<String> SOURCES =
      List.of(
          "go.mod",
          "go.sum",
          "main.go",
          "s3mem/backend.go",
          "s3mem/bucket.go",
          "s3mem/versionid.go",
          "s3mem/skipiter.go",
          "s3mem/readers.go");
  private static final Pattern PORT = Pattern.compile("using port: (\\d+)");
  private static final long BUILD_MINUTES = 15;
  private static final long START_SECONDS = 60;

  private final Process process;
  private final URI endpoint;
  private final String bucket;

  private GoS3Server(Process process, URI endpoint, String bucket) {
    this.process = process;
    this.endpoint = endpoint;
    this.bucket = bucket;
  }

  /**
   * Builds the server if needed, starts it on a free loopback port with {@code bucket} created, and
   * returns once it listens; its log goes to {@code log}.
   *
   * @throws IllegalStateException if the build fails or the server does not start within a minute
   */
  static GoS3Server start(String bucket, Path log) throws IOException, InterruptedException {
    Path binary = binary();
    Process p =
        new ProcessBuilder(binary.toString(), "-host", "127.0.0.1:0", "-bucket", bucket)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    p.getOutputStream().close();
    CompletableFuture<Integer> port = new CompletableFuture<>();
    Thread reader = new Thread(() -> readLog(p.getErrorStream(), log, port), "s3server-log");
    reader.setDaemon(true);
    reader.start();
    try {
      int bound = port.get(START_SECONDS, TimeUnit.SECONDS);
      return new GoS3Server(p, URI.create("http://127.0.0.1:" + bound), bucket);
    } catch (ExecutionException | TimeoutException e) {
      p.destroyForcibly();
      // Its log is in the bench's data dir, which goes with the bench: say what it said.
      String said = Files.exists(log) ? Files.readString(log).strip() : "";
      throw new IllegalStateException("the S3 server did not start: " + said, e);
    }
  }

  /** Copies the server's log to {@code log}, completing {@code port} when it names its port. */
  private static void readLog(InputStream stream, Path log, CompletableFuture<Integer> port) {
    try (BufferedReader in =
            new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8));
        var out = Files.newBufferedWriter(log)) {
      for (String line; (line = in.readLine()) != null; ) {
        out.write(line);
        out.newLine();
        out.flush();
        Matcher m = PORT.matcher(line);
        if (m.find()) {
          port.complete(Integer.parseInt(m.group(1)));
        }
      }
    } catch (IOException e) {
      port.completeExceptionally(e);
    }
    port.completeExceptionally(new IllegalStateException("the S3 server ended"));
  }

  URI endpoint() {
    return endpoint;
  }

  String bucket() {
    return bucket;
  }

  /** The server's peak resident memory ({@code VmHWM}) in MiB, or -1 where /proc cannot tell. */
  long peakRssMib() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", "" + process.pid(), "status"))) {
        if (line.startsWith("VmHWM:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) >> 10;
        }
      }
    } catch (IOException | NumberFormatException e) {
      // Not Linux, or gone: the number is informative only.
    }
    return -1;
  }

  /** Stops the server (SIGTERM, then SIGKILL); its objects are gone. */
  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }

  /** The server's binary, built by the go command when this version of the module has not been. */
  static Path binary() throws IOException, InterruptedException {
    Map<String, byte[]> sources = sources();
    Path cache = Path.of(System.getProperty("user.home"), ".cache", "modmirror");
    Path dir = cache.resolve("s3server").resolve(hash(sources));
    Path binary = dir.resolve("s3server");
    if (Files.isExecutable(binary)) {
      return binary;
    }
    Files.createDirectories(cache);
    Path work = Files.createTempDirectory(cache, "s3server-build-");
    for (Map.Entry<String, byte[]> s : sources.entrySet()) {
      Path file = work.resolve(s.getKey());
      Files.createDirectories(file.getParent());
      Files.write(file, s.getValue());
    }
    System.err.println("bench: building the S3 server (gofakes3 v1.2.0) with the go command...");
    long started = System.nanoTime();
    ProcessBuilder build =
        new ProcessBuilder("go", "build", "-trimpath", "-o", "s3server", ".")
            .directory(work.toFile())
            .redirectErrorStream(true)
            .redirectOutput(work.resolve("build.log").toFile());
    Map<String, String> env = build.environment();
    // Only what this build relies on, whatever the machine's Go set-up says.
    env.put("GOMODCACHE", cache.resolve("gomodcache").toString());
    env.put("GOCACHE", cache.resolve("gocache").toString());
    env.put("GOPATH", cache.resolve("gopath").toString());
    env.put("GOFLAGS", "-mod=readonly");
    env.put("GOTOOLCHAIN", "local");
    env.put("GOPROXY", "https://proxy.golang.org,direct");
    env.put("GOSUMDB", "sum.golang.org");
    env.put("GONOSUMDB", "");
    env.put("GOPRIVATE", "");
    env.put("GO111MODULE", "on");
    env.put("CGO_ENABLED", "0");
    Process go = build.start();
    if (!go.waitFor(BUILD_MINUTES, TimeUnit.MINUTES)) {
      go.destroyForcibly();
      throw new IllegalStateException("building the S3 server took over " + BUILD_MINUTES + " min");
    }
    if (go.exitValue() != 0) {
      throw new IllegalStateException(
          "cannot build the S3 server: " + Files.readString(work.resolve("build.log")));
    }
    Files.createDirectories(dir);
    Files.move(work.resolve("s3server"), binary, StandardCopyOption.REPLACE_EXISTING);
    Trees.deleteQuietly(work);
    System.err.printf(
        Locale.ROOT, "bench: built %s in %.0f s%n", binary, (System.nanoTime() - started) / 1e9);
    return binary;
  }

  private static Map<String, byte[]> sources() throws IOException {
    Map<String, byte[]> files = new TreeMap<>();
    for (String name : SOURCES) {
      try (InputStream s = GoS3Server.class.getResourceAsStream("s3server/" + name)) {
        if (s == null) {
          throw new IllegalStateException("the S3 server's " + name + " is not on the classpath");
        }
        files.put(name, s.readAllBytes());
      }
    }
    return files;
  }

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
