package dev.modmirror.adapters.upstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modmirror.core.error.NotFoundException;
import dev.modmirror.core.error.TransientException;
import dev.modmirror.core.module.ModulePath;
import dev.modmirror.core.module.ModuleRef;
import dev.modmirror.core.store.Artifact;
import dev.modmirror.core.upstream.GoEnv;
import dev.modmirror.core.upstream.NotMirrored;
import dev.modmirror.core.upstream.health.BreakerState;
import dev.modmirror.core.upstream.health.HealthSettings;
import dev.modmirror.embedded.module.BuiltModule;
import dev.modmirror.embedded.module.ModuleBuilder;
import dev.modmirror.testkit.goproxy.FakeGoProxy;
import dev.modmirror.testkit.goproxy.Fault;
import dev.modmirror.testkit.goproxy.Match;
import dev.modmirror.testkit.http.LoggedRequest;
import io.opentelemetry.api.OpenTelemetry;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class UpstreamPoolTest {
  private static final BuiltModule PUBLIC = module("example.com/pub", "v1.0.0");
  private static final BuiltModule PRIVATE = module("git.corp.example/team/lib", "v1.2.0");
  private static final GoEnv ENV = GoEnv.from(Map.of("GOPRIVATE", "git.corp.example"));
  private static final HealthSettings HEALTH =
      new HealthSettings(Duration.ofSeconds(10), 3, Duration.ofMinutes(10), Duration.ofSeconds(10));

  private final List<AutoCloseable> closing = new ArrayList<>();

  @AfterEach
  void close() throws Exception {
    for (AutoCloseable c : closing) {
      c.close();
    }
  }

  @Test
  void failsOverAtOnceWhenThePreferredUpstreamRefusesConnections() throws Exception {
    FakeGoProxy b = proxy(PUBLIC);
    UpstreamPool pool =
        pool(spec("a", deadUrl(), false, "", 2), spec("b", b.baseUrl(), false, "", 1));
    assertThat(read(pool, PUBLIC.ref())).isEqualTo(PUBLIC.zip());
    UpstreamStatus a = status(pool, "a");
    assertThat(a.consecutiveFailures()).isEqualTo(1);
    assertThat(a.lastFailure()).startsWith("connection: ");
    assertThat(b.count("/example.com/pub/@v/v1.0.0.zip")).isEqualTo(1);
  }

  @Test
  void opensTheBreakerAfterThreeFailuresAndStopsAskingThatUpstream() throws Exception {
    FakeGoProxy a = proxy(PUBLIC);
    a.inject(Match.any(), Fault.status(503));
    FakeGoProxy b = proxy(PUBLIC);
    UpstreamPool pool =
        pool(spec("a", a.baseUrl(), false, "", 5), spec("b", b.baseUrl(), false, "", 1));
    for (int i = 0; i < 3; i++) {
      read(pool, PUBLIC.ref());
    }
    assertThat(status(pool, "a").breaker()).isEqualTo(BreakerState.OPEN);
    int asked = a.requests().size();
    for (int i = 0; i < 5; i++) {
      assertThat(read(pool, PUBLIC.ref())).isEqualTo(PUBLIC.zip());
    }
    assertThat(a.requests()).hasSize(asked);
    assertThat(status(pool, "a").up()).isFalse();
    assertThat(status(pool, "a").lastFailure()).startsWith("server_error: ");
  }

  @Test
  void aProbeThatGetsAnAnswerClosesTheBreaker() throws Exception {
    FakeGoProxy a = proxy(PUBLIC);
    a.inject(Match.any(), Fault.status(503), 3);
    FakeGoProxy b = proxy(PUBLIC);
    UpstreamPool pool =
        pool(spec("a", a.baseUrl(), false, "", 5), spec("b", b.baseUrl(), false, "", 1));
    for (int i = 0; i < 3; i++) {
      read(pool, PUBLIC.ref());
    }
    assertThat(status(pool, "a").breaker()).isEqualTo(BreakerState.OPEN);
    pool.probeNow(Duration.ofSeconds(30));
    assertThat(status(pool, "a").breaker()).isEqualTo(BreakerState.CLOSED);
    assertThat(a.requests().get(a.requests().size() - 1).path())
        .isEqualTo("/golang.org/x/mod/@v/list");
  }

  @Test
  void aSlowUpstreamIsDemotedByLatencyWithoutItsBreakerOpening() throws Exception {
    FakeGoProxy slow = proxy(PUBLIC);
    slow.inject(Match.any(), Fault.latency(Duration.ofSeconds(1)));
    FakeGoProxy fast = proxy(PUBLIC);
    UpstreamPool pool =
        pool(
            spec("slow", slow.baseUrl(), false, "", 1), spec("fast", fast.baseUrl(), false, "", 1));
    for (int i = 0; i < 6; i++) {
      read(pool, PUBLIC.ref());
    }
    // The first request measured the slow one (both unmeasured, config order); then never again.
    assertThat(slow.requests()).hasSize(1);
    assertThat(fast.requests()).hasSize(5);
    assertThat(status(pool, "slow").breaker()).isEqualTo(BreakerState.CLOSED);
    assertThat(status(pool, "slow").latencyMillis()).isGreaterThanOrEqualTo(1000);
  }

  @Test
  void privateModulesReachOnlyPrivateUpstreamsEvenWhileTheyAreDown() throws Exception {
    FakeGoProxy corp = proxy(PRIVATE);
    FakeGoProxy pub = proxy(PUBLIC, PRIVATE);
    UpstreamPool pool =
        pool(
            spec("corp", corp.baseUrl(), true, "git.corp.example", 1),
            spec("pub", pub.baseUrl(), false, "", 1));
    assertThat(read(pool, PRIVATE.ref())).isEqualTo(PRIVATE.zip());
    assertThat(read(pool, PUBLIC.ref())).isEqualTo(PUBLIC.zip());
    corp.stop();
    for (int i = 0; i < 5; i++) {
      assertThatThrownBy(() -> read(pool, PRIVATE.ref())).isInstanceOf(TransientException.class);
    }
    assertThat(pool.list(PUBLIC.ref().path())).hasSize(1);
    assertThat(paths(pub)).noneMatch(p -> p.contains("corp"));
    assertThat(paths(corp)).noneMatch(p -> p.contains("example.com/pub"));
  }

  @Test
  void aRealErrorSaysMoreThanASkippedUpstreamAndASkippedOneMoreThanNotFound() throws Exception {
    FakeGoProxy a = proxy();
    a.inject(Match.any(), Fault.status(503));
    FakeGoProxy b = proxy();
    b.inject(Match.any(), Fault.status(502));
    FakeGoProxy c = proxy();
    UpstreamPool pool =
        pool(
            spec("a", a.baseUrl(), false, "", 9),
            spec("b", b.baseUrl(), false, "", 5),
            spec("c", c.baseUrl(), false, "", 1));
    for (int i = 0; i < 3; i++) {
      assertThatThrownBy(() -> read(pool, PUBLIC.ref())).hasMessageContaining(": 50");
    }
    // a and b are open now: c's not-found does not prove the version missing.
    assertThatThrownBy(() -> read(pool, PUBLIC.ref()))
        .isInstanceOf(TransientException.class)
        .hasMessageContaining("circuit breaker is open");
  }

  @Test
  void aPrivateModuleNoPrivateUpstreamServesIsRefusedAsPrivate() throws Exception {
    FakeGoProxy pub = proxy(PUBLIC, PRIVATE);
    UpstreamPool pool = pool(spec("pub", pub.baseUrl(), false, "", 1));
    assertThatThrownBy(() -> read(pool, PRIVATE.ref()))
        .isInstanceOf(NotFoundException.class)
        .matches(NotMirrored::isPrivate);
    assertThat(pub.requests()).isEmpty();
  }

  @Test
  void moduleGlobsNarrowWhatAnUpstreamIsAsked() throws Exception {
    FakeGoProxy only = proxy(PUBLIC);
    FakeGoProxy other = proxy(PUBLIC, module("other.example/x", "v0.1.0"));
    UpstreamPool pool =
        pool(
            spec("only", only.baseUrl(), false, "example.com", 9),
            spec("other", other.baseUrl(), false, "", 1));
    read(pool, ModuleRef.of("other.example/x", "v0.1.0"));
    assertThat(only.requests()).isEmpty();
    read(pool, PUBLIC.ref());
    assertThat(only.requests()).hasSize(1);
  }

  @Test
  void theGoproxyFormSkipsAnOpenBreakerOnlyWhereBarLetsItFallThrough() throws Exception {
    FakeGoProxy a = proxy(PUBLIC);
    a.inject(Match.any(), Fault.status(503));
    FakeGoProxy b = proxy(PUBLIC);
    GoEnv bar = GoEnv.from(Map.of("GOPROXY", a.baseUrl() + "|" + b.baseUrl()));
    UpstreamPool barPool = goproxyPool(bar);
    for (int i = 0; i < 6; i++) {
      assertThat(read(barPool, PUBLIC.ref())).isEqualTo(PUBLIC.zip());
    }
    assertThat(a.requests()).hasSize(3);

    FakeGoProxy c = proxy(PUBLIC);
    c.inject(Match.any(), Fault.status(503));
    GoEnv comma = GoEnv.from(Map.of("GOPROXY", c.baseUrl() + "," + b.baseUrl()));
    UpstreamPool commaPool = goproxyPool(comma);
    for (int i = 0; i < 5; i++) {
      assertThatThrownBy(() -> read(commaPool, PUBLIC.ref()))
          .isInstanceOf(TransientException.class);
    }
    assertThat(c.requests()).as("a ',' entry is always asked, as go asks it").hasSize(5);
    assertThat(commaPool.status().get(0).breaker()).isEqualTo(BreakerState.OPEN);
  }

  @Test
  void sendsAnUpstreamsBearerTokenToItsHost() throws Exception {
    try (LoopbackHttp server = new LoopbackHttp()) {
      server.on("/example.com/pub/@v/v1.0.0.zip", LoopbackHttp.bytes(PUBLIC.zip()));
      UpstreamPool pool =
          pool(
              new UpstreamSpec(
                  "a",
                  server.base(),
                  UpstreamAuth.bearer("tok-1"),
                  false,
                  "",
                  1,
                  Optional.empty()));
      read(pool, PUBLIC.ref());
      assertThat(server.seen.get(0).headers().get("Authorization")).containsExactly("Bearer tok-1");
    }
  }

  @Test
  void statusShowsNoCredential() throws Exception {
    FakeGoProxy a = proxy(PUBLIC);
    URI withUser = URI.create("http://bob:s3cret-pass@127.0.0.1:" + a.baseUrl().getPort());
    UpstreamPool pool =
        pool(
            new UpstreamSpec(
                "a",
                withUser,
                UpstreamAuth.bearer("tok-very-secret"),
                false,
                "",
                1,
                Optional.empty()));
    read(pool, PUBLIC.ref());
    assertThat(pool.status().toString())
        .doesNotContain("s3cret-pass")
        .doesNotContain("tok-very-secret")
        .contains("xxxxx@127.0.0.1");
  }

  private UpstreamPool pool(UpstreamSpec... specs) {
    UpstreamPool pool =
        Upstreams.build(
            ENV,
            UpstreamConfig.defaults().withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(10)),
            PoolSettings.defaults().withUpstreams(List.of(specs)).withHealth(HEALTH),
            OpenTelemetry.noop());
    closing.add(pool);
    return pool;
  }

  private UpstreamPool goproxyPool(GoEnv env) {
    UpstreamPool pool =
        Upstreams.build(
            env,
            UpstreamConfig.defaults(),
            PoolSettings.defaults().withHealth(HEALTH),
            OpenTelemetry.noop());
    closing.add(pool);
    return pool;
  }

  private static UpstreamSpec spec(
      String name, URI url, boolean isPrivate, String modules, double weight) {
    Optional<ModulePath> probe =
        isPrivate
            ? Optional.of(PRIVATE.ref().path())
            : Optional.of(ModulePath.of(PoolSettings.DEFAULT_PROBE_MODULE));
    return new UpstreamSpec(name, url, UpstreamAuth.none(), isPrivate, modules, weight, probe);
  }

  private FakeGoProxy proxy(BuiltModule... modules) {
    FakeGoProxy proxy = FakeGoProxy.start();
    for (BuiltModule m : modules) {
      proxy.add(m);
    }
    closing.add(proxy);
    return proxy;
  }

  private static URI deadUrl() throws Exception {
    try (ServerSocket s = new ServerSocket(0)) {
      return URI.create("http://127.0.0.1:" + s.getLocalPort());
    }
  }

  private static byte[] read(UpstreamPool pool, ModuleRef ref) throws Exception {
    try (InputStream in = pool.open(ref, Artifact.ZIP)) {
      return in.readAllBytes();
    }
  }

  private static UpstreamStatus status(UpstreamPool pool, String name) {
    return pool.status().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
  }

  private static List<String> paths(FakeGoProxy proxy) {
    return proxy.requests().stream().map(LoggedRequest::path).toList();
  }

  private static BuiltModule module(String path, String version) {
    return ModuleBuilder.module(path)
        .version(version)
        .goMod("module " + path + "\n")
        .file("a.go", "package a\n")
        .build();
  }
}
