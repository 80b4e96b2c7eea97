package dev.modmirror.deploy.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modmirror.adapters.kafka.KafkaBusConfig;
import dev.modmirror.adapters.kafka.TopicSetup;
import dev.modmirror.adapters.s3.MinioModuleStore;
import dev.modmirror.core.hash.DirHash;
import dev.modmirror.core.io.Trees;
import dev.modmirror.core.module.ModuleRef;
import dev.modmirror.core.store.CompletionMarker;
import dev.modmirror.core.store.ModuleStore;
import dev.modmirror.core.store.VersionFiles;
import dev.modmirror.core.store.VersionHashes;
import dev.modmirror.deploy.chaos.ChildService;
import dev.modmirror.deploy.dev.DevCluster;
import dev.modmirror.deploy.wiring.Deployment;
import dev.modmirror.embedded.module.BuiltModule;
import dev.modmirror.embedded.module.ModuleBuilder;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./modmirror bench serve-go}: {@code modmirror serve} as a process of its own ({@code
 * -Xmx256m}, as the chaos run starts it) over a bucket of generated versions, read by {@code
 * --clients} concurrent {@code go mod download -json} processes at once, each with a module cache
 * of its own and {@code --per-client} versions to fetch, for {@code --rounds} rounds. Every client
 * must exit 0 and report, for every version, the {@code Sum} and {@code GoModSum} the bucket
 * recorded with it (the go command hashes what it downloaded: a wrong byte is a wrong sum). Serve's
 * heap after a full collection is sampled throughout ({@link HeapSampler}). Prints {@code RESULT
 * serve-go …} last; exit 0 only if no client failed and none got wrong bytes.
 *
 * <p>By default the bucket holds 512 × 160 KiB = 80 MiB of zips, more than serve keeps in memory
 * ({@code MODMIRROR_SERVE_CACHE_BYTES}, 64 MiB): every round reads all of them, so the cache stays
 * at its bound and evicts, as a busy mirror's does.
 */
@Command(name = "bench-serve-go", mixinStandardHelpOptions = true)
public final class ServeGoBench implements Callable<Integer> {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Option(names = "--clients", defaultValue = "256", description = "Concurrent go processes.")
  int clients;

  @Option(names = "--versions", defaultValue = "512", description = "Versions in the bucket.")
  int versions;

  @Option(names = "--per-client", defaultValue = "6", description = "Versions each client gets.")
  int perClient;

  @Option(names = "--rounds", defaultValue = "8", description = "Times all clients start at once.")
  int rounds;

  @Option(names = "--zip-kib", defaultValue = "160", description = "Random bytes in each zip, KiB.")
  int zipKib;

  @Option(names = "--sample-seconds", defaultValue = "5", description = "Heap sampling period.")
  int sampleSeconds;

  @Option(names = "--data-dir", description = "Where data goes; kept (default: temp, removed).")
  Path dataDir;

  public static void main(String[] args) {
    if (System.getenv("MODMIRROR_LOG_LEVEL") == null) {
      System.setProperty("MODMIRROR_LOG_LEVEL", "WARN");
    }
    System.exit(new CommandLine(new ServeGoBench()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    if (clients < 1 || versions < 1 || perClient < 1 || perClient > versions || rounds < 1) {
      System.err.println("need --clients, --versions, --rounds >= 1, 1 <= --per-client <= N");
      return 2;
    }
    Path dir = dataDir != null ? dataDir : Files.createTempDirectory("modmirror-bench-serve-go-");
    try (DevCluster cluster = DevCluster.start(dir, 0)) {
      KafkaBusConfig kafka = KafkaBusConfig.of(cluster.bootstrapServers(), "bench-serve-go");
      TopicSetup.ensure(kafka);
      List<Expected> expected = fill(MinioModuleStore.create("primary", cluster.primary()), dir);
      return run(dir, cluster, expected);
    } finally {
      if (dataDir == null) {
        Trees.deleteQuietly(dir);
      }
    }
  }

  /** A stored version and the hashes the bucket recorded with it. */
  private record Expected(ModuleRef ref, VersionHashes hashes) {
    String arg() {
      return ref.path().value() + "@" + ref.version().value();
    }
  }

  private int run(Path dir, DevCluster cluster, List<Expected> expected) throws Exception {
    int port = freePort();
    Map<String, String> env =
        new LinkedHashMap<>(
            Deployment.variables(cluster.bootstrapServers(), cluster.primary(), Map.of()));
    env.put("MODMIRROR_SERVE_LISTEN", "127.0.0.1:" + port);
    env.put("MODMIRROR_GOSUMDB", "off");
    env.put("MODMIRROR_SERVE_SUMDB", "off");
    env.put("MODMIRROR_LOG_LEVEL", "WARN");
    String base = "http://127.0.0.1:" + port;
    try (ChildService serve = new ChildService("serve", env, dir.resolve("logs"), "serve")) {
      serve.start();
      awaitServing(serve, base);
      log(
          "serve (pid %d) answers at %s; %d clients x %d rounds",
          serve.pid(), base, clients, rounds);
      Tally tally = new Tally();
      long started = System.nanoTime();
      try (HeapSampler heap = HeapSampler.every(serve, sampleSeconds)) {
        for (int round = 0; round < rounds; round++) {
          round(dir, base, expected, round, tally);
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        heap.sample();
        log(
            "%d go processes, %d versions fetched in %.1f s; %d heap samples",
            tally.clients.get(), tally.versions.get(), seconds, heap.samples());
        System.out.printf(
            Locale.ROOT,
            "RESULT serve-go clients=%d versions=%d seconds=%.1f failures=%d wrong_bytes=%d"
                + " heap_peak_mib=%.1f heap_slope_mib_per_min=%.2f rounds=%d per_client=%d"
                + " stored_versions=%d zip_kib=%d%n",
            clients,
            tally.versions.get(),
            seconds,
            tally.failures.get(),
            tally.wrong.get(),
            heap.peakMib(),
            heap.slopeMibPerMinute(0.5),
            rounds,
            perClient,
            versions,
            zipKib);
      }
      return tally.failures.get() == 0 && tally.wrong.get() == 0 ? 0 : 1;
    }
  }

  /** Counts over all clients of all rounds. */
  private static final class Tally {
    final AtomicLong clients = new AtomicLong();
    final AtomicLong versions = new AtomicLong();
    final AtomicLong failures = new AtomicLong();
    final AtomicLong wrong = new AtomicLong();
  }

  /** Starts every client at once and waits for all of them. */
  private void round(Path dir, String base, List<Expected> expected, int round, Tally tally)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    try {
      List<Future<?>> running = new ArrayList<>();
      long started = System.nanoTime();
      for (int c = 0; c < clients; c++) {
        List<Expected> mine = new ArrayList<>();
        for (int k = 0; k < perClient; k++) {
          // Spread over the bucket, shifted each round: every version is asked by several clients.
          mine.add(expected.get((c * perClient + k + round * 7) % expected.size()));
        }
        Path work = dir.resolve("go").resolve("r" + round + "-c" + c);
        running.add(pool.submit(() -> client(work, base, mine, tally)));
      }
      for (Future<?> f : running) {
        f.get();
      }
      log(
          "round %d: %d clients done in %.1f s (failures so far %d, wrong bytes %d)",
          round,
          clients,
          (System.nanoTime() - started) / 1e9,
          tally.failures.get(),
          tally.wrong.get());
    } finally {
      pool.shutdownNow();
    }
  }

  /** One {@code go mod download -json} of {@code mine}; counts what it got wrong. */
  private static Void client(Path work, String base, List<Expected> mine, Tally tally)
      throws Exception {
    Files.createDirectories(work);
    List<String> command = new ArrayList<>(List.of("go", "mod", "download", "-json"));
    mine.forEach(e -> command.add(e.arg()));
    ProcessBuilder builder = new ProcessBuilder(command).directory(work.toFile());
    Map<String, String> env = builder.environment();
    env.clear();
    env.putAll(goEnv(work, base));
    Path out = work.resolve("download.json");
    Path err = work.resolve("download.err");
    builder.redirectOutput(out.toFile()).redirectError(err.toFile());
    Process go = builder.start();
    tally.clients.incrementAndGet();
    if (!go.waitFor(10, TimeUnit.MINUTES)) {
      go.destroyForcibly();
      tally.failures.incrementAndGet();
      log("client %s did not finish within 10 minutes", work.getFileName());
      return null;
    }
    Map<String, JsonNode> got = new LinkedHashMap<>();
    try (MappingIterator<JsonNode> objects =
        JSON.readerFor(JsonNode.class).readValues(out.toFile())) {
      while (objects.hasNext()) {
        JsonNode o = objects.next();
        got.put(o.path("Path").asText() + "@" + o.path("Version").asText(), o);
      }
    }
    boolean failed = go.exitValue() != 0;
    for (Expected e : mine) {
      JsonNode o = got.get(e.arg());
      if (o == null || o.hasNonNull("Error")) {
        failed = true;
        continue;
      }
      tally.versions.incrementAndGet();
      if (!e.hashes().h1().equals(o.path("Sum").asText())
          || !e.hashes().goModH1().equals(o.path("GoModSum").asText())) {
        tally.wrong.incrementAndGet();
        log("%s: go got %s, the bucket recorded %s", e.arg(), o.path("Sum").asText(), e.hashes());
      }
    }
    if (failed) {
      tally.failures.incrementAndGet();
      log(
          "client %s failed (exit %d): %s",
          work.getFileName(), go.exitValue(), Files.readString(err).lines().limit(3).toList());
    } else {
      Trees.deleteQuietly(work);
    }
    return null;
  }

  /**
   * Every variable the go command reads that could change what it does, set: the machine's own
   * GOPROXY, GOSUMDB, GOFLAGS or GOPRIVATE must not leak in. {@code -modcacherw} leaves the module
   * cache deletable.
   */
  private static Map<String, String> goEnv(Path work, String base) {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
    env.put("HOME", work.resolve("home").toString());
    env.put("TMPDIR", System.getProperty("java.io.tmpdir"));
    env.put("GOPROXY", base);
    env.put("GOSUMDB", "off");
    env.put("GOFLAGS", "-mod=mod -modcacherw");
    env.put("GOTOOLCHAIN", "local");
    env.put("GOTELEMETRY", "off");
    env.put("GOENV", "off");
    env.put("GO111MODULE", "on");
    env.put("GOPRIVATE", "");
    env.put("GONOPROXY", "");
    env.put("GONOSUMDB", "");
    env.put("GOINSECURE", "");
    env.put("GOPATH", work.resolve("gopath").toString());
    env.put("GOMODCACHE", work.resolve("modcache").toString());
    env.put("GOCACHE", work.resolve("gocache").toString());
    return env;
  }

  /** Stores the versions with their real hashes; returns what the bucket recorded for each. */
  private List<Expected> fill(ModuleStore primary, Path dir) throws IOException {
    Random random = new Random(42);
    List<Expected> expected = new ArrayList<>();
    Path zip = dir.resolve("zip.tmp");
    for (int i = 0; i < versions; i++) {
      byte[] data = new byte[zipKib * 1024];
      random.nextBytes(data);
      BuiltModule m =
          ModuleBuilder.module(String.format(Locale.ROOT, "bench.example/serve-go/m%04d", i))
              .version("v1.0.0")
              .file("data.bin", data)
              .build();
      Files.write(zip, m.zip());
      VersionHashes hashes = new VersionHashes(DirHash.hashZip(zip), DirHash.hashGoMod(m.mod()));
      primary.save(
          m.ref(),
          new VersionFiles(
              m.mod(), new ByteArrayInputStream(m.zip()), m.zip().length, m.info(), hashes));
      // The comparison is with what the bucket recorded, read back, not with what was sent.
      if (!(primary.marker(m.ref()) instanceof CompletionMarker.Recorded recorded)) {
        throw new IllegalStateException(m.ref() + " was not recorded complete");
      }
      expected.add(new Expected(m.ref(), recorded.hashes()));
    }
    Files.deleteIfExists(zip);
    log("%d versions stored (%d KiB of random bytes each)", versions, zipKib);
    return expected;
  }

  private static void awaitServing(ChildService serve, String base) throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
    while (System.nanoTime() < deadline) {
      if (!serve.alive()) {
        throw new IllegalStateException("serve exited; see " + serve.log());
      }
      try {
        http.send(
            HttpRequest.newBuilder(URI.create(base + "/")).build(),
            HttpResponse.BodyHandlers.discarding());
        return;
      } catch (IOException e) {
        Thread.sleep(200);
      }
    }
    throw new IllegalStateException("serve did not answer within 2 minutes; see " + serve.log());
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private static void log(String format, Object... args) {
    System.err.printf(Locale.ROOT, "bench serve-go: " + format + "%n", args);
  }
}
