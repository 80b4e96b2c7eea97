package dev.modmirror.deploy.bench;

import dev.modmirror.adapters.http.HttpSecurity;
import dev.modmirror.adapters.kafka.KafkaBusConfig;
import dev.modmirror.adapters.telemetry.TelemetryConfig;
import dev.modmirror.adapters.upstream.UpstreamConfig;
import dev.modmirror.core.io.Trees;
import dev.modmirror.core.store.ModuleStore;
import dev.modmirror.core.store.ObjectKeys;
import dev.modmirror.core.store.VersionFiles;
import dev.modmirror.core.store.VersionHashes;
import dev.modmirror.core.upstream.GoEnv;
import dev.modmirror.deploy.dev.DevCluster;
import dev.modmirror.deploy.wiring.Adapters;
import dev.modmirror.deploy.wiring.Deployment;
import dev.modmirror.deploy.wiring.ServeSettings;
import dev.modmirror.deploy.wiring.Services;
import dev.modmirror.deploy.wiring.Serving;
import dev.modmirror.embedded.module.BuiltModule;
import dev.modmirror.embedded.module.ModuleBuilder;
import dev.modmirror.replicator.ReplicatorConfig;
import dev.modmirror.warmer.WarmerConfig;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./modmirror bench serve}: {@code modmirror serve} over a bucket of warmed versions, loaded
 * by wrk with {@code --connections} concurrent clients asking for every version's {@code .info},
 * {@code .mod} and {@code .zip} in turn, against nginx serving the same bytes from disk: S3Proxy's
 * filesystem store keeps each object as a file under its key, so the bucket's directory is itself a
 * GOPROXY tree for nginx. Same paths, same machine, one after the other. Prints {@code RESULT serve
 * …} last; exit 0 only if neither answered anything but 200.
 */
@Command(name = "bench-serve", mixinStandardHelpOptions = true)
public final class ServeBench implements Callable<Integer> {
  private static final Pattern RATE = Pattern.compile("Requests/sec:\\s+([0-9.]+)");
  private static final Pattern P99 = Pattern.compile("\\s99%\\s+([0-9.]+)(us|ms|s)");
  private static final Pattern NON_2XX = Pattern.compile("Non-2xx or 3xx responses:\\s+(\\d+)");

  @Option(names = "--versions", defaultValue = "1000", description = "Warmed versions served.")
  int versions;

  @Option(names = "--zip-kib", defaultValue = "16", description = "Zip size of each, KiB.")
  int zipKib;

  @Option(names = "--connections", defaultValue = "32", description = "Concurrent clients.")
  int connections;

  @Option(names = "--duration", defaultValue = "20", description = "Seconds of load, each side.")
  int seconds;

  @Option(
      names = "--data-dir",
      description = "Where servers keep data; kept (default: temp, removed).")
  Path dataDir;

  public static void main(String[] args) {
    if (System.getenv("MODMIRROR_LOG_LEVEL") == null) {
      System.setProperty("MODMIRROR_LOG_LEVEL", "WARN");
    }
    System.exit(new CommandLine(new ServeBench()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    Path dir = dataDir != null ? dataDir : Files.createTempDirectory("modmirror-bench-serve-");
    try (DevCluster cluster = DevCluster.start(dir, 1);
        Adapters adapters = Adapters.open(deployment(cluster, dir), Adapters.NO_REGION)) {
      ModuleStore primary = adapters.primary();
      List<String> paths = fill(primary);
      Path script = script(dir, paths);
      try (Serving serving =
          Services.over(adapters)
              .startServe(
                  Optional.empty(),
                  ServeSettings.defaults().listeningOn(new InetSocketAddress("127.0.0.1", 0)),
                  HttpSecurity.none(),
                  path -> false)) {
        String serveBase = "http://127.0.0.1:" + serving.port();
        Path tree = dir.resolve("s3").resolve("primary").resolve(cluster.primary().bucket());
        int nginxPort = freePort();
        Process nginx = nginx(dir, tree, nginxPort);
        try {
          String nginxBase = "http://127.0.0.1:" + nginxPort;
          sameBytes(serveBase, nginxBase, paths);
          // Warm both up (JIT, caches, connections), then measure one after the other.
          wrk(script, serveBase, 5);
          wrk(script, nginxBase, 5);
          Result serve = wrk(script, serveBase, seconds);
          Result baseline = wrk(script, nginxBase, seconds);
          System.err.printf(
              Locale.ROOT,
              "serve: %.0f req/s p99 %.2f ms; nginx: %.0f req/s p99 %.2f ms%n",
              serve.rate(),
              serve.p99Millis(),
              baseline.rate(),
              baseline.p99Millis());
          System.out.printf(
              Locale.ROOT,
              "RESULT serve requests_per_s=%.0f baseline_requests_per_s=%.0f ratio=%.2f p99_ms=%.2f"
                  + " baseline_p99_ms=%.2f versions=%d zip_kib=%d connections=%d%n",
              serve.rate(),
              baseline.rate(),
              serve.rate() / baseline.rate(),
              serve.p99Millis(),
              baseline.p99Millis(),
              versions,
              zipKib,
              connections);
          return serve.non2xx() == 0 && baseline.non2xx() == 0 ? 0 : 1;
        } finally {
          nginx.destroy();
          nginx.waitFor(10, TimeUnit.SECONDS);
        }
      }
    } finally {
      if (dataDir == null) {
        Trees.deleteQuietly(dir);
      }
    }
  }

  private static Deployment deployment(DevCluster cluster, Path dir) throws IOException {
    return deployment(cluster, "bench-serve", Files.createDirectories(dir.resolve("spool")));
  }

  /**
   * The deployment a bench's own JVM uses over {@code cluster}: no region, no upstream proxy or
   * checksum database of the go command's, the services' defaults otherwise.
   */
  static Deployment deployment(DevCluster cluster, String clientId, Path spool) {
    return new Deployment(
        KafkaBusConfig.of(cluster.bootstrapServers(), clientId),
        cluster.primary(),
        Map.of(),
        GoEnv.from(Map.of("GOPROXY", "off", "GOSUMDB", "off")),
        UpstreamConfig.defaults(),
        TelemetryConfig.service("modmirror-bench"),
        WarmerConfig.defaults(spool),
        ReplicatorConfig.defaults(spool));
  }

  // Recorded with each version by the store; serving never reads them, so the bench does not hash.
  private static final VersionHashes HASHES =
      new VersionHashes(
          "h1:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=",
          "h1:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=");

  /** Stores the versions whole; returns every request path, {@code .info .mod .zip} per version. */
  private List<String> fill(ModuleStore primary) {
    Random random = new Random(42);
    List<String> paths = new ArrayList<>();
    for (int i = 0; i < versions; i++) {
      byte[] data = new byte[zipKib * 1024];
      random.nextBytes(data);
      BuiltModule m =
          ModuleBuilder.module(String.format(Locale.ROOT, "example.com/Bench/m%04d", i))
              .version("v1.0.0")
              .file("data.bin", data)
              .build();
      primary.save(
          m.ref(),
          new VersionFiles(
              m.mod(), new ByteArrayInputStream(m.zip()), m.zip().length, m.info(), HASHES));
      for (var artifact : dev.modmirror.core.store.Artifact.values()) {
        // The go command escapes '!' as %21 (url.PathEscape): ask as it asks.
        paths.add("/" + ObjectKeys.artifact(m.ref(), artifact).replace("!", "%21"));
      }
    }
    System.err.printf("bench: %d versions stored%n", versions);
    return paths;
  }

  private static Path script(Path dir, List<String> paths) throws IOException {
    Path list = dir.resolve("paths.txt");
    Files.write(list, paths);
    Path script = dir.resolve("paths.lua");
    Files.writeString(
        script,
        "local paths = {}\n"
            + "for line in io.lines(\""
            + list
            + "\") do paths[#paths + 1] = line end\n"
            + "local i = math.random(#paths)\n"
            + "request = function()\n"
            + "  i = i % #paths + 1\n"
            + "  return wrk.format(\"GET\", paths[i])\n"
            + "end\n");
    return script;
  }

  private static Process nginx(Path dir, Path tree, int port) throws Exception {
    Path conf = dir.resolve("nginx.conf");
    Files.writeString(
        conf,
        String.join(
            "\n",
            // The bucket's files belong to whoever ran the bench (root on the bench machines): the
            // workers read them as that user, not as nginx's default one.
            "user " + System.getProperty("user.name") + ";",
            "worker_processes auto;",
            "daemon off;",
            "pid " + dir.resolve("nginx.pid") + ";",
            "error_log " + dir.resolve("nginx-error.log") + " warn;",
            "events { worker_connections 1024; }",
            "http {",
            "  access_log off;",
            "  sendfile on;",
            "  tcp_nopush on;",
            "  default_type application/octet-stream;",
            "  types { application/zip zip; application/json info; text/plain mod; }",
            "  client_body_temp_path " + dir.resolve("nginx-tmp") + ";",
            "  server {",
            "    listen 127.0.0.1:" + port + ";",
            "    root " + tree + ";",
            "    location / { try_files $uri =404; }",
            "  }",
            "}",
            ""));
    Process nginx =
        new ProcessBuilder("nginx", "-c", conf.toString(), "-p", dir.toString())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("nginx.out").toFile())
            .start();
    HttpClient client = HttpClient.newHttpClient();
    for (int i = 0; i < 100; i++) {
      try {
        client.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/")).build(),
            HttpResponse.BodyHandlers.discarding());
        return nginx;
      } catch (IOException e) {
        Thread.sleep(100);
      }
    }
    nginx.destroy();
    throw new IllegalStateException(
        "nginx did not start: " + Files.readString(dir.resolve("nginx.out")));
  }

  /** Both answer every tenth path with the same bytes: the comparison is of like for like. */
  private static void sameBytes(String serve, String nginx, List<String> paths) throws Exception {
    HttpClient client = HttpClient.newHttpClient();
    for (int i = 0; i < paths.size(); i += 10) {
      byte[] a = get(client, serve + paths.get(i));
      byte[] b = get(client, nginx + paths.get(i));
      if (!Arrays.equals(a, b)) {
        throw new IllegalStateException("serve and nginx answer " + paths.get(i) + " differently");
      }
    }
  }

  private static byte[] get(HttpClient client, String url) throws Exception {
    HttpResponse<byte[]> answer =
        client.send(
            HttpRequest.newBuilder(URI.create(url)).build(),
            HttpResponse.BodyHandlers.ofByteArray());
    if (answer.statusCode() != 200) {
      throw new IllegalStateException(url + " answered " + answer.statusCode());
    }
    return answer.body();
  }

  private record Result(double rate, double p99Millis, long non2xx) {}

  private Result wrk(Path script, String base, int duration) throws Exception {
    Process wrk =
        new ProcessBuilder(
                "wrk",
                "-t2",
                "-c" + connections,
                "-d" + duration + "s",
                "--latency",
                "-s",
                script.toString(),
                base)
            .redirectErrorStream(true)
            .start();
    String out = new String(wrk.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!wrk.waitFor(duration + 60L, TimeUnit.SECONDS) || wrk.exitValue() != 0) {
      throw new IllegalStateException("wrk failed: " + out);
    }
    Matcher rate = RATE.matcher(out);
    Matcher p99 = P99.matcher(out);
    if (!rate.find() || !p99.find()) {
      throw new IllegalStateException("unreadable wrk output: " + out);
    }
    Matcher non2xx = NON_2XX.matcher(out);
    double latency = Double.parseDouble(p99.group(1));
    double millis =
        switch (p99.group(2)) {
          case "us" -> latency / 1000;
          case "s" -> latency * 1000;
          default -> latency;
        };
    return new Result(
        Double.parseDouble(rate.group(1)),
        millis,
        non2xx.find() ? Long.parseLong(non2xx.group(1)) : 0);
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
