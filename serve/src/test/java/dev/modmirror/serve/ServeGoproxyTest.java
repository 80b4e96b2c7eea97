package dev.modmirror.serve;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modmirror.core.error.NotFoundException;
import dev.modmirror.core.error.TransientException;
import dev.modmirror.core.event.Consumption;
import dev.modmirror.core.event.Event;
import dev.modmirror.core.event.EventBus;
import dev.modmirror.core.event.Topic;
import dev.modmirror.core.event.Topics;
import dev.modmirror.core.event.VersionRequested;
import dev.modmirror.core.event.Worker;
import dev.modmirror.core.goproxy.ProxyPathException;
import dev.modmirror.core.module.ModulePath;
import dev.modmirror.core.module.ModuleRef;
import dev.modmirror.core.store.Artifact;
import dev.modmirror.core.store.ForwardingModuleStore;
import dev.modmirror.core.store.VersionFiles;
import dev.modmirror.core.store.VersionHashes;
import dev.modmirror.testkit.memory.InMemoryEventBus;
import dev.modmirror.testkit.memory.InMemoryModuleStore;
import io.opentelemetry.api.OpenTelemetry;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ServeGoproxyTest {
  private final InMemoryModuleStore store = InMemoryModuleStore.create("eu");
  private final InMemoryEventBus bus = InMemoryEventBus.create();
  private final List<VersionRequested> requested = new CopyOnWriteArrayList<>();
  private final List<String> demand = new CopyOnWriteArrayList<>();
  private final Map<String, byte[]> database =
      Map.of(
          "/lookup/example.com/a@v1.0.0", bytes("record\n"),
          "/tile/8/0/001", bytes("tile"),
          "/latest", bytes("tree head"));

  // What serve publishes, recorded as it publishes (a subscriber would see it later, on the bus's
  // own thread, and an assertion right after the answer would race it).
  private final EventBus recording =
      new EventBus() {
        @Override
        public <E extends Event> void publish(Topic<E> topic, E event) {
          if (topic.equals(Topics.REQUESTS)) {
            requested.add((VersionRequested) event);
          }
          bus.publish(topic, event);
        }

        @Override
        public <E extends Event> Subscription consume(
            Consumption<E> consumption, Worker<E> worker) {
          return bus.consume(consumption, worker);
        }

        @Override
        public void close() {
          bus.close();
        }
      };

  @AfterEach
  void close() {
    bus.close();
  }

  @Test
  void servesTheFilesOfACompleteVersionAsImmutable() throws Exception {
    save("example.com/a", "v1.0.0");
    ServeGoproxy serve = serve(ServeConfig.defaults());

    Answer.Bytes info = (Answer.Bytes) serve.answer("/example.com/a/@v/v1.0.0.info");
    Answer.Bytes mod = (Answer.Bytes) serve.answer("/example.com/a/@v/v1.0.0.mod");
    Answer.Bytes zip = (Answer.Bytes) serve.answer("/example.com/a/@v/v1.0.0.zip");

    assertThat(text(info.body())).contains("\"Version\":\"v1.0.0\"");
    assertThat(text(mod.body())).isEqualTo("module example.com/a\n");
    assertThat(text(zip.body())).isEqualTo("zip of v1.0.0");
    assertThat(List.of(info.cacheControl(), mod.cacheControl(), zip.cacheControl()))
        .containsOnly("public, max-age=31536000, immutable");
    assertThat(info.etag())
        .isEqualTo(store.stat(ref("example.com/a", "v1.0.0"), Artifact.INFO).orElseThrow().etag());
    assertThat(demand)
        .containsExactly(
            "example.com/a@v1.0.0.info", "example.com/a@v1.0.0.mod", "example.com/a@v1.0.0.zip");
  }

  @Test
  void aZipLargerThanTheCacheTakesIsStreamedFromTheStore() throws Exception {
    ModuleRef ref = ref("example.com/big", "v1.0.0");
    byte[] zip = new byte[20_000];
    store.save(
        ref,
        new VersionFiles(
            bytes("module example.com/big\n"),
            new ByteArrayInputStream(zip),
            zip.length,
            bytes("{\"Version\":\"v1.0.0\"}"),
            HASHES));
    ServeGoproxy serve =
        serve(
            new ServeConfig(false, 64 * 1024, ServeConfig.LIST_MAX_AGE)); // zips over 8 KiB stream

    Answer.Streamed streamed = (Answer.Streamed) serve.answer("/example.com/big/@v/v1.0.0.zip");

    try (var object = streamed.object()) {
      assertThat(object.stat().size()).isEqualTo(20_000);
      assertThat(object.content().readAllBytes()).isEqualTo(zip);
    }
  }

  @Test
  void aVersionWithoutItsInfoIsNotServedEvenIfItsZipIsThere() {
    ModuleRef ref = ref("example.com/partial", "v1.0.0");
    store.put(ref, Artifact.MOD, new ByteArrayInputStream(bytes("module x\n")), 9);
    store.put(ref, Artifact.ZIP, new ByteArrayInputStream(bytes("zip")), 3);

    Answer answer = serve(ServeConfig.defaults()).answer("/example.com/partial/@v/v1.0.0.zip");

    assertThat(answer).isInstanceOf(Answer.NotFound.class);
    assertThat(answer.status()).isEqualTo(404);
    assertThat(requested).isEmpty();
  }

  @Test
  void listAndLatestAreShortLivedAndLatestPrefersReleases() {
    save("example.com/a", "v1.0.0");
    save("example.com/a", "v1.1.0-rc.1");
    save("example.com/a", "v0.0.0-20260101000000-abcdefabcdef");
    ServeGoproxy serve = serve(ServeConfig.defaults());

    Answer.Bytes list = (Answer.Bytes) serve.answer("/example.com/a/@v/list");
    Answer.Bytes latest = (Answer.Bytes) serve.answer("/example.com/a/@latest");

    assertThat(text(list.body()))
        .isEqualTo("v0.0.0-20260101000000-abcdefabcdef\nv1.0.0\nv1.1.0-rc.1\n");
    assertThat(list.cacheControl()).isEqualTo("public, max-age=60");
    assertThat(text(latest.body())).contains("\"Version\":\"v1.0.0\"");
    assertThat(latest.cacheControl()).isEqualTo("public, max-age=60");
    assertThat(serve.answer("/example.com/none/@v/list").status()).isEqualTo(404);
    assertThat(serve.answer("/example.com/none/@latest").status()).isEqualTo(404);
  }

  @Test
  void aMissRequestsTheVersionOnceWhenAsked() {
    ServeGoproxy serve = serve(ServeConfig.defaults().withWarmOnMiss(true));

    assertThat(serve.answer("/example.com/new/@v/v1.2.0.info").status()).isEqualTo(404);
    assertThat(serve.answer("/example.com/new/@v/v1.2.0.mod").status()).isEqualTo(404);

    assertThat(requested)
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.ref()).isEqualTo(ref("example.com/new", "v1.2.0"));
              assertThat(r.origin()).isEqualTo("serve:eu");
            });
  }

  @Test
  void withoutWarmOnMissAMissRequestsNothing() {
    serve(ServeConfig.defaults()).answer("/example.com/new/@v/v1.2.0.info");

    assertThat(requested).isEmpty();
    assertThat(demand).containsExactly("example.com/new@v1.2.0.info");
  }

  @Test
  void aRefusedPathReadsNothingAtAll() {
    AtomicInteger reads = new AtomicInteger();
    ForwardingModuleStore watched =
        new ForwardingModuleStore(store) {
          @Override
          public Optional<dev.modmirror.core.store.StoredObject> read(ModuleRef r, Artifact a) {
            reads.incrementAndGet();
            return super.read(r, a);
          }

          @Override
          public Optional<String> readList(ModulePath path) {
            reads.incrementAndGet();
            return super.readList(path);
          }
        };
    ServeGoproxy serve =
        new ServeGoproxy(
            watched,
            Optional.empty(),
            bus,
            DemandSink.NONE,
            OpenTelemetry.noop(),
            ServeConfig.defaults(),
            Clock.systemUTC());

    for (String raw :
        List.of(
            "/%2e%2e/%2e%2e/etc/passwd",
            "/github.com/a%2F..%2F..%2Fetc/@v/list",
            "/github.com/BurntSushi/toml/@v/v1.4.0.zip",
            "/github.com/a/../../@v/list")) {
      Answer answer = serve.answer(raw);
      assertThat(answer).isInstanceOf(Answer.Refused.class);
      assertThat(answer.status()).isEqualTo(400);
    }
    assertThat(((Answer.Refused) serve.answer("/favicon.ico")).rule())
        .isEqualTo(ProxyPathException.Rule.NOT_GOPROXY);
    assertThat(reads).hasValue(0);
  }

  @Test
  void passesTheChecksumDatabaseThroughAndSaysItIsSupported() {
    ServeGoproxy serve = serve(ServeConfig.defaults());

    assertThat(serve.answer("/sumdb/sum.golang.org/supported").status()).isEqualTo(200);
    Answer.Bytes lookup =
        (Answer.Bytes) serve.answer("/sumdb/sum.golang.org/lookup/example.com/a@v1.0.0");
    Answer.Bytes latest = (Answer.Bytes) serve.answer("/sumdb/sum.golang.org/latest");

    assertThat(text(lookup.body())).isEqualTo("record\n");
    assertThat(lookup.cacheControl()).isEqualTo("public, max-age=31536000, immutable");
    assertThat(latest.cacheControl()).isEqualTo("public, max-age=60");
    assertThat(serve.answer("/sumdb/sum.golang.org/tile/8/0/002").status()).isEqualTo(404);
    assertThat(serve.answer("/sumdb/other.example/supported").status()).isEqualTo(404);
  }

  @Test
  void anUnreachableDatabaseIsABadGatewayAndAnUnreachableStoreUnavailable() {
    ServeGoproxy serve =
        new ServeGoproxy(
            new ForwardingModuleStore(store) {
              @Override
              public Optional<String> readList(ModulePath path) {
                throw new TransientException("bucket unreachable (test)");
              }
            },
            Optional.of(
                new SumDbPassThrough(
                    "sum.golang.org",
                    path -> {
                      throw new TransientException("database unreachable (test)");
                    })),
            bus,
            DemandSink.NONE,
            OpenTelemetry.noop(),
            ServeConfig.defaults(),
            Clock.systemUTC());

    assertThat(serve.answer("/example.com/a/@v/list").status()).isEqualTo(503);
    assertThat(serve.answer("/sumdb/sum.golang.org/latest").status()).isEqualTo(502);
  }

  @Test
  void keepsOnlyAsManySmallObjectsAsItsBudgetAllows() {
    SmallObjects cache = new SmallObjects(8 * 1024);
    for (int i = 0; i < 100; i++) {
      cache.put("key" + i, new SmallObjects.Entry(new byte[500], "e" + i));
    }

    assertThat(cache.size()).isLessThanOrEqualTo(8 * 1024);
    assertThat(cache.get("key99")).isPresent();
    assertThat(cache.get("key0")).isEmpty();
  }

  private ServeGoproxy serve(ServeConfig config) {
    return new ServeGoproxy(
        store,
        Optional.of(
            new SumDbPassThrough(
                "sum.golang.org",
                path -> {
                  byte[] body = database.get(path);
                  if (body == null) {
                    throw new NotFoundException("no " + path);
                  }
                  return body;
                })),
        recording,
        (ref, artifact) -> demand.add(ref + artifact.extension()),
        OpenTelemetry.noop(),
        config,
        Clock.systemUTC());
  }

  private void save(String path, String version) {
    ModuleRef ref = ref(path, version);
    byte[] zip = bytes("zip of " + version);
    store.save(
        ref,
        new VersionFiles(
            bytes("module " + path + "\n"),
            new ByteArrayInputStream(zip),
            zip.length,
            bytes("{\"Version\":\"" + version + "\",\"Time\":\"2026-01-01T00:00:00Z\"}"),
            HASHES));
  }

  // The store records these with each version; serving never reads them.
  private static final VersionHashes HASHES =
      new VersionHashes(
          "h1:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=",
          "h1:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=");

  private static ModuleRef ref(String path, String version) {
    return ModuleRef.of(path, version);
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static String text(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
