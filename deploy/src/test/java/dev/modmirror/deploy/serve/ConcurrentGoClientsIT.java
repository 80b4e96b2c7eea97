package dev.modmirror.deploy.serve;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modmirror.adapters.http.HttpSecurity;
import dev.modmirror.adapters.http.HttpService;
import dev.modmirror.adapters.s3.MinioModuleStore;
import dev.modmirror.adapters.s3.S3Config;
import dev.modmirror.core.hash.DirHash;
import dev.modmirror.core.store.CompletionMarker;
import dev.modmirror.core.store.ModuleStore;
import dev.modmirror.core.store.VersionFiles;
import dev.modmirror.core.store.VersionHashes;
import dev.modmirror.embedded.module.BuiltModule;
import dev.modmirror.embedded.module.ModuleBuilder;
import dev.modmirror.gotool.GoResult;
import dev.modmirror.gotool.GoSandbox;
import dev.modmirror.gotool.GoToolchain;
import dev.modmirror.gotool.ModDownload;
import dev.modmirror.serve.DemandSink;
import dev.modmirror.serve.ServeConfig;
import dev.modmirror.serve.ServeGoproxy;
import dev.modmirror.testkit.memory.InMemoryEventBus;
import dev.modmirror.testkit.s3.S3Server;
import dev.modmirror.testkit.s3.TestS3;
import io.opentelemetry.api.OpenTelemetry;
import java.io.ByteArrayInputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13, load at the edges, in small: sixteen go commands at once read serve over a real S3
 * bucket, each with a module cache of its own and versions that others ask for at the same time.
 * Every one gets, for every version, the h1 the bucket recorded: concurrent requests share no
 * stream, no buffer and no connection they should not. {@code ./modmirror bench serve-go} is the
 * same with 256 processes and serve's heap sampled.
 */
class ConcurrentGoClientsIT {
  private static final int CLIENTS = 16;
  private static final int VERSIONS = 24;
  private static final int PER_CLIENT = 4;

  private final String run = UUID.randomUUID().toString().substring(0, 8);
  private final InMemoryEventBus bus = InMemoryEventBus.create();
  private ModuleStore store;
  private HttpService http;
  @TempDir Path dir;

  @BeforeEach
  void start() {
    S3Server s3 = TestS3.newServer("cgc-" + run);
    store =
        MinioModuleStore.create(
            "primary",
            new S3Config(s3.endpoint(), s3.accessKey(), s3.secretKey(), "cgc-" + run, "us-east-1"));
    ServeGoproxy serve =
        new ServeGoproxy(
            store,
            Optional.empty(),
            bus,
            DemandSink.NONE,
            OpenTelemetry.noop(),
            ServeConfig.defaults(),
            Clock.systemUTC());
    http =
        GoproxyHttp.start(
            serve,
            new InetSocketAddress("127.0.0.1", 0),
            HttpSecurity.none(),
            path -> false,
            OpenTelemetry.noop());
  }

  @AfterEach
  void stop() {
    http.close();
    bus.close();
  }

  @Test
  void sixteenGoCommandsAtOnceEachGetTheBytesTheBucketRecorded() throws Exception {
    GoToolchain go = GoToolchain.require();
    Map<String, VersionHashes> recorded = fill();
    List<String> args = List.copyOf(recorded.keySet());
    ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
    CountDownLatch together = new CountDownLatch(CLIENTS);
    try {
      List<Future<List<ModDownload>>> clients = new ArrayList<>();
      for (int c = 0; c < CLIENTS; c++) {
        List<String> mine = new ArrayList<>();
        for (int k = 0; k < PER_CLIENT; k++) {
          // Client c overlaps client c+1 in three versions: the same objects read concurrently.
          mine.add(args.get((c + k) % VERSIONS));
        }
        clients.add(pool.submit(() -> download(go, mine, together)));
      }
      int downloads = 0;
      for (Future<List<ModDownload>> client : clients) {
        for (ModDownload d : client.get()) {
          assertThat(d.error()).as(d.path() + "@" + d.version()).isNull();
          VersionHashes expected = recorded.get(d.path() + "@" + d.version());
          assertThat(d.sum()).as(d.path()).isEqualTo(expected.h1());
          assertThat(d.goModSum()).as(d.path()).isEqualTo(expected.goModH1());
          downloads++;
        }
      }
      assertThat(downloads).isEqualTo(CLIENTS * PER_CLIENT);
    } finally {
      pool.shutdownNow();
    }
  }

  private List<ModDownload> download(GoToolchain go, List<String> mine, CountDownLatch together)
      throws InterruptedException {
    try (GoSandbox sandbox = GoSandbox.isolated("http://127.0.0.1:" + http.port(), "off")) {
      together.countDown();
      together.await();
      List<String> command = new ArrayList<>(List.of("mod", "download", "-json"));
      command.addAll(mine);
      GoResult result =
          go.run(sandbox, sandbox.root(), Duration.ofMinutes(3), command.toArray(String[]::new));
      assertThat(result.ok()).as(result.stdout() + result.stderr()).isTrue();
      return ModDownload.objects(result.stdout()).stream().map(ModDownload::parseObject).toList();
    }
  }

  /** Stores the versions; returns {@code path@version} → the hashes read back from the bucket. */
  private Map<String, VersionHashes> fill() throws Exception {
    Random random = new Random(13);
    Map<String, VersionHashes> recorded = new LinkedHashMap<>();
    for (int i = 0; i < VERSIONS; i++) {
      byte[] data = new byte[8192 + i * 512];
      random.nextBytes(data);
      BuiltModule m =
          ModuleBuilder.module("example.com/cgc" + run + "/m" + i)
              .version("v1.0." + i)
              .file("a.go", "package m\n")
              .file("data.bin", data)
              .build();
      Path zip = Files.write(dir.resolve("m.zip"), m.zip());
      store.save(
          m.ref(),
          new VersionFiles(
              m.mod(),
              new ByteArrayInputStream(m.zip()),
              m.zip().length,
              m.info(),
              new VersionHashes(DirHash.hashZip(zip), DirHash.hashGoMod(m.mod()))));
      CompletionMarker marker = store.marker(m.ref());
      assertThat(marker).isInstanceOf(CompletionMarker.Recorded.class);
      recorded.put(
          m.ref().path().value() + "@" + m.ref().version().value(),
          ((CompletionMarker.Recorded) marker).hashes());
    }
    return recorded;
  }
}
