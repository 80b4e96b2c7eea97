package dev.modmirror.deploy.wiring;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import com.sun.net.httpserver.HttpServer;
import dev.modmirror.adapters.upstream.PoolSettings;
import dev.modmirror.adapters.upstream.UpstreamAuth;
import dev.modmirror.adapters.upstream.UpstreamPool;
import dev.modmirror.adapters.upstream.UpstreamSpec;
import dev.modmirror.adapters.upstream.UpstreamStatusJson;
import dev.modmirror.adapters.upstream.Upstreams;
import dev.modmirror.core.event.Event;
import dev.modmirror.core.event.Topics;
import dev.modmirror.core.event.VersionFailed;
import dev.modmirror.core.event.VersionWarmed;
import dev.modmirror.core.module.ModulePath;
import dev.modmirror.core.module.ModuleRef;
import dev.modmirror.core.sumdb.ChecksumPolicy;
import dev.modmirror.core.upstream.GoEnv;
import dev.modmirror.embedded.module.BuiltModule;
import dev.modmirror.embedded.module.ModuleBuilder;
import dev.modmirror.replicator.ReplicatorConfig;
import dev.modmirror.testkit.goproxy.FakeGoProxy;
import dev.modmirror.testkit.memory.InMemoryDedupe;
import dev.modmirror.testkit.memory.InMemoryEventBus;
import dev.modmirror.testkit.memory.InMemoryModuleStore;
import dev.modmirror.warmer.WarmerConfig;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Upstream credentials never reach a log line, a span, a metric, a failure event or the status
 * output, even from an upstream that echoes our request's headers in its error bodies, during
 * failover, and with a private upstream beside public ones.
 */
class SecretsStayOutTest {
  private static final String TOKEN_A = "tok-A-4b1f9e2d7c";
  private static final String PASS_B = "pw-B-93af0c1e55";
  private static final String TOKEN_C = "tok-C-6d2a8b0f31";
  private static final BuiltModule PUBLIC = module("example.com/open/lib", "v1.0.0");
  private static final BuiltModule PRIVATE = module("git.corp.example/team/lib", "v0.3.0");
  private static final ModuleRef MISSING = ModuleRef.of("example.com/open/none", "v9.9.9");

  @TempDir Path spool;

  @Test
  void noCredentialInLogsTracesMetricsEventsOrStatus() throws Exception {
    InMemorySpanExporter spans = InMemorySpanExporter.create();
    InMemoryMetricReader metrics = InMemoryMetricReader.create();
    ListAppender<ILoggingEvent> logs = new ListAppender<>();
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    Logger ours = (Logger) LoggerFactory.getLogger("dev.modmirror");
    Level level = ours.getLevel();
    ours.setLevel(Level.DEBUG);
    logs.start();
    root.addAppender(logs);
    HttpServer echo = echoServer();
    ConcurrentLinkedQueue<Event> events = new ConcurrentLinkedQueue<>();
    try (OpenTelemetrySdk otel =
            OpenTelemetrySdk.builder()
                .setTracerProvider(
                    SdkTracerProvider.builder()
                        .addSpanProcessor(SimpleSpanProcessor.create(spans))
                        .build())
                .setMeterProvider(SdkMeterProvider.builder().registerMetricReader(metrics).build())
                .build();
        FakeGoProxy pub = FakeGoProxy.start().add(PUBLIC);
        FakeGoProxy corp = FakeGoProxy.start().add(PRIVATE);
        InMemoryEventBus bus = InMemoryEventBus.create();
        UpstreamPool pool = pool(echo, pub, corp, otel)) {
      bus.subscribe(Topics.WARMED, "t", events::add);
      bus.subscribe(Topics.FAILED, "t", events::add);
      Parts parts =
          Parts.of(
              bus,
              InMemoryModuleStore.create("primary"),
              List.of(),
              pool,
              ChecksumPolicy.off(),
              otel,
              Clock.systemUTC());
      try (InMemoryDedupe dedupe = InMemoryDedupe.start(bus);
          Mirror mirror =
              Services.over(parts)
                  .startMirror(WarmerConfig.defaults(spool), ReplicatorConfig.defaults(spool))) {
        mirror.ingest().publish(List.of(PUBLIC.ref(), PRIVATE.ref(), MISSING), "secrets");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (events.size() < 3 && System.nanoTime() < deadline) {
          Thread.sleep(20);
        }
      }
      assertThat(events).hasSize(3);
      assertThat(events).filteredOn(e -> e instanceof VersionWarmed).hasSize(2);
      VersionFailed failed =
          (VersionFailed) events.stream().filter(e -> e instanceof VersionFailed).findFirst().get();
      assertThat(failed.ref()).isEqualTo(MISSING);

      String everything =
          String.join(
              "\n",
              String.join("\n", logs.list.stream().map(SecretsStayOutTest::logged).toList()),
              spans.getFinishedSpanItems().toString(),
              metrics.collectAllMetrics().toString(),
              events.toString(),
              UpstreamStatusJson.write(pool.status()),
              pool.status().toString(),
              pool.toString());
      // The echoed header did reach our messages, scrubbed.
      assertThat(everything).contains("you sent: xxxxx");
      for (String secret :
          List.of(
              TOKEN_A,
              PASS_B,
              TOKEN_C,
              Base64.getEncoder()
                  .encodeToString(("mirror:" + PASS_B).getBytes(StandardCharsets.UTF_8)))) {
        assertThat(everything).as("nothing shows " + secret).doesNotContain(secret);
      }
      assertThat(pub.requests()).noneMatch(r -> r.path().contains("corp"));
      assertThat(corp.requests()).noneMatch(r -> r.path().contains("example.com"));
    } finally {
      echo.stop(0);
      root.detachAppender(logs);
      ours.setLevel(level);
    }
  }

  private UpstreamPool pool(
      HttpServer echo, FakeGoProxy pub, FakeGoProxy corp, OpenTelemetrySdk otel) {
    Optional<ModulePath> probe = Optional.of(ModulePath.of("golang.org/x/mod"));
    return Upstreams.build(
        GoEnv.from(Map.of("GOPRIVATE", "git.corp.example", "GOSUMDB", "off")),
        dev.modmirror.adapters.upstream.UpstreamConfig.defaults(),
        PoolSettings.defaults()
            .withUpstreams(
                List.of(
                    new UpstreamSpec(
                        "echo",
                        java.net.URI.create("http://127.0.0.1:" + echo.getAddress().getPort()),
                        UpstreamAuth.bearer(TOKEN_A),
                        false,
                        "",
                        5,
                        probe),
                    new UpstreamSpec(
                        "pub",
                        pub.baseUrl(),
                        UpstreamAuth.basic("mirror", PASS_B),
                        false,
                        "",
                        1,
                        probe),
                    new UpstreamSpec(
                        "corp",
                        corp.baseUrl(),
                        UpstreamAuth.bearer(TOKEN_C),
                        true,
                        "git.corp.example",
                        1,
                        Optional.of(PRIVATE.ref().path())))),
        otel);
  }

  /** Answers 500 and prints the request's Authorization header, as careless servers do. */
  private static HttpServer echoServer() throws Exception {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        exchange -> {
          byte[] body =
              ("you sent: " + exchange.getRequestHeaders().getFirst("Authorization"))
                  .getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(500, body.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
          }
        });
    server.start();
    return server;
  }

  private static String logged(ILoggingEvent e) {
    return e.getFormattedMessage()
        + (e.getThrowableProxy() == null ? "" : ThrowableProxyUtil.asString(e.getThrowableProxy()));
  }

  private static BuiltModule module(String path, String version) {
    return ModuleBuilder.module(path)
        .version(version)
        .goMod("module " + path + "\n")
        .file("a.go", "package a\n")
        .build();
  }
}
