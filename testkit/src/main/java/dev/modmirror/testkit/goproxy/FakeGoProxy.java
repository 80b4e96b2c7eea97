package dev.modmirror.testkit.goproxy;

import dev.modmirror.core.store.Artifact;
import dev.modmirror.embedded.module.BuiltModule;
import dev.modmirror.testkit.http.LoggedRequest;
import dev.modmirror.testkit.http.LoopbackServer;
import dev.modmirror.testkit.http.Reply;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A GOPROXY on a loopback port serving the {@link BuiltModule}s added to it: {@code @v/list},
 * {@code .info}, {@code .mod}, {@code .zip} and {@code @latest}, with case-encoded paths; 404 for
 * anything unknown. Faults are injected per {@link Match}: the first active rule matching a request
 * applies, for ever or for the next N matching requests (so retries can succeed).
 *
 * <pre>{@code
 * try (FakeGoProxy proxy = FakeGoProxy.start()) {
 *   proxy.add(ModuleBuilder.module("example.com/a").build());
 *   proxy.inject(Match.artifact(ref, Artifact.ZIP), Fault.status(503), 2);
 *   // GOPROXY=proxy.baseUrl()
 * }
 * }</pre>
 */
public final class FakeGoProxy implements AutoCloseable {
  private static final String JSON = "application/json";

  private final ModuleCatalog catalog = new ModuleCatalog();
  private final List<Rule> rules = new CopyOnWriteArrayList<>();
  private final List<LoggedRequest> earlier = new CopyOnWriteArrayList<>();
  private final int port;
  private volatile LoopbackServer server;

  private FakeGoProxy() {
    this.server = LoopbackServer.start("fake-goproxy", this::handle);
    this.port = server.baseUrl().getPort();
  }

  /** Starts an empty proxy on a free loopback port. */
  public static FakeGoProxy start() {
    return new FakeGoProxy();
  }

  /** Serves this version from now on (replacing one with the same ref). */
  public FakeGoProxy add(BuiltModule module) {
    catalog.add(module);
    return this;
  }

  /** The GOPROXY base URL, {@code http://127.0.0.1:<port>}, without a trailing slash. */
  public URI baseUrl() {
    return URI.create("http://127.0.0.1:" + port);
  }

  /**
   * Stops listening: new connections are refused, as by a proxy that died. The request log is kept.
   * {@link #restart()} brings it back on the same port.
   */
  public synchronized FakeGoProxy stop() {
    if (server != null) {
      earlier.addAll(server.requests());
      server.close();
      server = null;
    }
    return this;
  }

  /** Listens again on the same port, with the same modules, faults and log. */
  public synchronized FakeGoProxy restart() {
    if (server == null) {
      server = LoopbackServer.start("fake-goproxy", this::handle, port);
    }
    return this;
  }

  /** Applies {@code fault} to every request matching {@code match}, until cleared. */
  public FakeGoProxy inject(Match match, Fault fault) {
    rules.add(new Rule(match, fault, new AtomicInteger(-1)));
    return this;
  }

  /** Applies {@code fault} to the next {@code times} requests matching {@code match}. */
  public FakeGoProxy inject(Match match, Fault fault, int times) {
    if (times <= 0) {
      throw new IllegalArgumentException("times must be positive: " + times);
    }
    rules.add(new Rule(match, fault, new AtomicInteger(times)));
    return this;
  }

  /** Removes every fault rule. */
  public void clearFaults() {
    rules.clear();
  }

  /** Requests answered so far, in order, across stops and restarts. */
  public synchronized List<LoggedRequest> requests() {
    List<LoggedRequest> all = new java.util.ArrayList<>(earlier);
    if (server != null) {
      all.addAll(server.requests());
    }
    return List.copyOf(all);
  }

  /** Requests answered so far for exactly this raw path. */
  public long count(String rawPath) {
    return requests().stream().filter(r -> r.path().equals(rawPath)).count();
  }

  @Override
  public void close() {
    stop();
  }

  private Reply handle(String method, URI target) throws InterruptedException {
    // Clients may percent-encode the case-encoding '!' (go sends %21): match on the decoded path.
    String path = target.getPath();
    if (!method.equals("GET")) {
      return Reply.text(405, "only GET\n");
    }
    Optional<Fault> fault = claimFault(path);
    if (fault.isPresent() && fault.get() instanceof Fault.Latency latency) {
      Thread.sleep(latency.delay().toMillis());
      fault = Optional.empty();
    }
    if (fault.isPresent() && fault.get() instanceof Fault.Hold hold) {
      hold.released().await(hold.atMost().toMillis(), TimeUnit.MILLISECONDS);
      fault = Optional.empty();
    }
    if (fault.isPresent() && fault.get() instanceof Fault.Status status) {
      return Reply.text(status.code(), "fault injected: " + status.code() + "\n");
    }
    Optional<Reply> reply = ProxyRequest.parse(path).flatMap(this::lookup);
    if (reply.isEmpty()) {
      return Reply.text(404, "not found: " + path + "\n");
    }
    return fault.map(f -> FaultyResponder.apply(f, reply.get())).orElse(reply.get());
  }

  private Optional<Reply> lookup(ProxyRequest request) {
    switch (request.kind()) {
      case LIST:
        return catalog
            .list(request.module())
            .map(b -> Reply.of(200, "text/plain; charset=utf-8", b));
      case LATEST:
        return catalog.latest(request.module()).map(m -> Reply.of(200, JSON, m.info()));
      default:
        return catalog
            .find(request.module(), request.version())
            .map(m -> artifact(m, request.kind()));
    }
  }

  private static Reply artifact(BuiltModule module, ProxyRequest.Kind kind) {
    switch (kind) {
      case INFO:
        return Reply.of(200, Artifact.INFO.contentType(), module.info());
      case MOD:
        return Reply.of(200, Artifact.MOD.contentType(), module.mod());
      default:
        return Reply.of(200, Artifact.ZIP.contentType(), module.zip());
    }
  }

  private Optional<Fault> claimFault(String path) {
    for (Rule rule : rules) {
      if (rule.match().rawPath().test(path) && rule.claim()) {
        return Optional.of(rule.fault());
      }
    }
    return Optional.empty();
  }

  private record Rule(Match match, Fault fault, AtomicInteger remaining) {
    // -1 means unlimited; otherwise each matching request takes one use.
    boolean claim() {
      while (true) {
        int left = remaining.get();
        if (left < 0) {
          return true;
        }
        if (left == 0) {
          return false;
        }
        if (remaining.compareAndSet(left, left - 1)) {
          return true;
        }
      }
    }
  }
}
