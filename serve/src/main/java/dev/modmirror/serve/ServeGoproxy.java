package dev.modmirror.serve;

import dev.modmirror.core.error.ModmirrorException;
import dev.modmirror.core.error.NotFoundException;
import dev.modmirror.core.error.TransientException;
import dev.modmirror.core.event.EventBus;
import dev.modmirror.core.event.RequestSource;
import dev.modmirror.core.event.Topics;
import dev.modmirror.core.event.VersionRequested;
import dev.modmirror.core.goproxy.LatestVersion;
import dev.modmirror.core.goproxy.ProxyPath;
import dev.modmirror.core.goproxy.ProxyPathException;
import dev.modmirror.core.io.Bounded;
import dev.modmirror.core.module.ModuleRef;
import dev.modmirror.core.module.ModuleVersion;
import dev.modmirror.core.store.Artifact;
import dev.modmirror.core.store.ModuleStore;
import dev.modmirror.core.store.ObjectKeys;
import dev.modmirror.core.store.StoredObject;
import dev.modmirror.core.telemetry.LogContext;
import dev.modmirror.core.telemetry.Telemetry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A read-only GOPROXY over one bucket: {@code .info}, {@code .mod} and {@code .zip} of complete
 * versions (those whose {@code .info}, written last, exists), {@code @v/list}, {@code @latest}, and
 * the checksum database passed through under {@code /sumdb/<name>/}. Every request path is read by
 * {@link ProxyPath} before anything is looked up, so object keys come only from checked module
 * paths and versions. Zips are streamed from the store; only immutable small objects are kept in
 * memory, within a fixed budget. Every request for a version's file is reported as demand, and with
 * {@code warmOnMiss} a missing version is requested. Never throws for a request: every outcome is
 * an {@link Answer}. Thread-safe.
 */
public final class ServeGoproxy {
  /** Versions never change: clients and caches may keep them for a year. */
  static final String IMMUTABLE = "public, max-age=31536000, immutable";

  private static final Logger LOG = LoggerFactory.getLogger(ServeGoproxy.class);
  private static final long MAX_SMALL_BYTES = 16L << 20;

  /** Zips up to this size are kept in memory too (within the budget); larger ones always stream. */
  static final long CACHED_ZIP_BYTES = 1L << 20;

  private static final int RECENT_MISSES = 10_000;

  private final ModuleStore store;
  private final Optional<SumDbPassThrough> sumdb;
  private final EventBus bus;
  private final DemandSink demand;
  private final ServeConfig config;
  private final Clock clock;
  private final SmallObjects cache;
  private final String shortLived;
  private final Map<ModuleRef, Boolean> recentMisses =
      new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<ModuleRef, Boolean> eldest) {
          return size() > RECENT_MISSES;
        }
      };
  private final LongCounter requests;
  private final LongCounter refused;
  private final LongCounter servedBytes;

  public ServeGoproxy(
      ModuleStore store,
      Optional<SumDbPassThrough> sumdb,
      EventBus bus,
      DemandSink demand,
      OpenTelemetry telemetry,
      ServeConfig config,
      Clock clock) {
    this.store = store;
    this.sumdb = sumdb;
    this.bus = bus;
    this.demand = demand;
    this.config = config;
    this.clock = clock;
    this.cache = new SmallObjects(config.cacheBytes());
    this.shortLived = "public, max-age=" + config.listMaxAge().toSeconds();
    Meter meter = telemetry.getMeter(Telemetry.SCOPE);
    this.requests =
        meter
            .counterBuilder("modmirror.serve.requests")
            .setDescription("GOPROXY requests answered, by kind and status")
            .build();
    this.refused =
        meter
            .counterBuilder("modmirror.serve.refused")
            .setDescription("Request paths refused, by the rule they broke")
            .build();
    this.servedBytes =
        meter
            .counterBuilder("modmirror.serve.bytes")
            .setDescription("Body bytes answered (zips counted at their full length)")
            .setUnit("By")
            .build();
  }

  /** The store this endpoint serves. */
  public String storeName() {
    return store.name();
  }

  /** Answers one request for {@code rawPath} (the path as sent, percent-encoding kept). */
  public Answer answer(String rawPath) {
    ProxyPath path;
    try {
      path = ProxyPath.parse(rawPath);
    } catch (ProxyPathException e) {
      refused.add(1, Attributes.of(Telemetry.RULE, e.rule().id()));
      Span.current().setAttribute(Telemetry.RULE, e.rule().id());
      // A malformed or hostile path (400) is worth an operator's eye; a path that is no GOPROXY
      // request at all (404: favicon.ico, scanners' probes) would only flood the log.
      if (e.rule().status() == 400) {
        LOG.info("refused {}", e.getMessage());
      } else {
        LOG.debug("refused {}", e.getMessage());
      }
      return counted("refused", new Answer.Refused(e.rule(), e.getMessage()));
    }
    try {
      if (path instanceof ProxyPath.VersionFile file) {
        return counted(kind(file.artifact()), versionFile(file.ref(), file.artifact()));
      }
      if (path instanceof ProxyPath.VersionList list) {
        return counted("list", versionList(list));
      }
      if (path instanceof ProxyPath.Latest latest) {
        return counted("latest", latest(latest));
      }
      return counted("sumdb", sumDb((ProxyPath.SumDb) path));
    } catch (ModmirrorException e) {
      // The store is unreachable (transient) or answered nonsense: a retry may do better.
      LOG.warn(
          "serving {} from {} failed [{}]: {}", rawPath, store.name(), e.kind(), e.getMessage());
      int status = path instanceof ProxyPath.SumDb ? 502 : 503;
      return counted("error", new Answer.Unavailable(status, e.kind() + ": " + e.getMessage()));
    }
  }

  private Answer versionFile(ModuleRef ref, Artifact artifact) {
    Span span = Span.current();
    span.setAttribute(Telemetry.MODULE, ref.path().value());
    span.setAttribute(Telemetry.VERSION, ref.version().value());
    try (Scope ignored = LogContext.enter(span, ref)) {
      demand.observed(ref, artifact);
      Optional<SmallObjects.Entry> info = small(ref, Artifact.INFO);
      if (info.isEmpty()) {
        miss(ref);
        return new Answer.NotFound(ref + " is not in the mirror");
      }
      return switch (artifact) {
        case INFO -> bytes(Artifact.INFO.contentType(), info.get(), IMMUTABLE);
        case MOD ->
            small(ref, Artifact.MOD)
                .<Answer>map(mod -> bytes(Artifact.MOD.contentType(), mod, IMMUTABLE))
                .orElseGet(() -> damaged(ref, artifact));
        case ZIP -> zip(ref);
      };
    }
  }

  /**
   * A small zip from memory, else from the store: kept when it fits, streamed as it is read when it
   * is larger (memory stays flat whatever the zip's size).
   */
  private Answer zip(ModuleRef ref) {
    String key = ObjectKeys.artifact(ref, Artifact.ZIP);
    Optional<SmallObjects.Entry> cached = cache.get(key);
    if (cached.isPresent()) {
      return bytes(Artifact.ZIP.contentType(), cached.get(), IMMUTABLE);
    }
    Optional<StoredObject> read = store.read(ref, Artifact.ZIP);
    if (read.isEmpty()) {
      return damaged(ref, Artifact.ZIP);
    }
    StoredObject zip = read.get();
    if (zip.stat().size() > Math.min(CACHED_ZIP_BYTES, config.cacheBytes() / 8)) {
      return streamed(zip);
    }
    try (zip) {
      byte[] bytes = Bounded.read(zip.content(), CACHED_ZIP_BYTES, ref, ".zip");
      SmallObjects.Entry entry = new SmallObjects.Entry(bytes, zip.stat().etag());
      cache.put(key, entry);
      return bytes(Artifact.ZIP.contentType(), entry, IMMUTABLE);
    } catch (IOException e) {
      throw new TransientException("closing " + key + " failed: " + e, ref, e);
    }
  }

  /** A complete version missing a file: damage at rest, for anti-entropy to repair. */
  private Answer damaged(ModuleRef ref, Artifact artifact) {
    LOG.warn("{} is complete in {} but has no {}", ref, store.name(), artifact.extension());
    return new Answer.NotFound(ref + " has no " + artifact.extension() + " in the mirror");
  }

  private Answer versionList(ProxyPath.VersionList list) {
    return store
        .readList(list.module())
        .<Answer>map(
            text ->
                computed(
                    "text/plain; charset=utf-8", text.getBytes(StandardCharsets.UTF_8), shortLived))
        .orElseGet(() -> new Answer.NotFound(list.module() + " has no version in the mirror"));
  }

  private Answer latest(ProxyPath.Latest latest) {
    Optional<ModuleVersion> version = LatestVersion.of(store.completeVersions(latest.module()));
    if (version.isEmpty()) {
      return new Answer.NotFound(latest.module() + " has no version in the mirror");
    }
    ModuleRef ref = new ModuleRef(latest.module(), version.get());
    return small(ref, Artifact.INFO)
        .<Answer>map(info -> bytes(Artifact.INFO.contentType(), info, shortLived))
        .orElseGet(() -> new Answer.NotFound(ref + " is not in the mirror"));
  }

  private Answer sumDb(ProxyPath.SumDb path) {
    if (sumdb.isEmpty() || !sumdb.get().name().equals(path.name())) {
      // The go command then asks the database itself (or the next proxy).
      return new Answer.NotFound("no checksum database " + path.name() + " here");
    }
    if (path.rest().equals("supported")) {
      return new Answer.Bytes("text/plain; charset=utf-8", new byte[0], "supported", shortLived);
    }
    boolean immutable = !path.rest().equals("latest");
    String key = "sumdb/" + path.name() + "/" + path.rest();
    Optional<SmallObjects.Entry> cached = immutable ? cache.get(key) : Optional.empty();
    if (cached.isPresent()) {
      return bytes("text/plain; charset=utf-8", cached.get(), IMMUTABLE);
    }
    byte[] body;
    try {
      body = sumdb.get().transport().get("/" + path.rest());
    } catch (NotFoundException e) {
      return new Answer.NotFound(e.getMessage());
    }
    SmallObjects.Entry entry = new SmallObjects.Entry(body, etag(body));
    if (immutable) {
      cache.put(key, entry);
    }
    return bytes("text/plain; charset=utf-8", entry, immutable ? IMMUTABLE : shortLived);
  }

  /** {@code .info} or {@code .mod}: from memory, else read whole and kept (they never change). */
  private Optional<SmallObjects.Entry> small(ModuleRef ref, Artifact artifact) {
    String key = ObjectKeys.artifact(ref, artifact);
    Optional<SmallObjects.Entry> cached = cache.get(key);
    if (cached.isPresent()) {
      return cached;
    }
    Optional<StoredObject> read = store.read(ref, artifact);
    if (read.isEmpty()) {
      return Optional.empty();
    }
    try (StoredObject object = read.get()) {
      byte[] bytes = Bounded.read(object.content(), MAX_SMALL_BYTES, ref, artifact.extension());
      SmallObjects.Entry entry = new SmallObjects.Entry(bytes, object.stat().etag());
      cache.put(key, entry);
      return Optional.of(entry);
    } catch (IOException e) {
      throw new TransientException("closing " + key + " failed: " + e, ref, e);
    }
  }

  private void miss(ModuleRef ref) {
    if (!config.warmOnMiss()) {
      return;
    }
    synchronized (recentMisses) {
      if (recentMisses.put(ref, Boolean.TRUE) != null) {
        return; // already requested; the warmer's outcome will make it appear
      }
    }
    try {
      bus.publish(
          Topics.REQUESTS,
          VersionRequested.of(ref, RequestSource.DEMAND, "serve:" + store.name(), clock.instant()));
      LOG.info("requested {}: asked for and not in {}", ref, store.name());
    } catch (RuntimeException e) {
      synchronized (recentMisses) {
        recentMisses.remove(ref);
      }
      LOG.warn("could not request {} after a miss: {}", ref, e.toString());
    }
  }

  private Answer streamed(StoredObject zip) {
    return new Answer.Streamed(Artifact.ZIP.contentType(), zip, IMMUTABLE);
  }

  private static Answer bytes(String contentType, SmallObjects.Entry entry, String cacheControl) {
    return new Answer.Bytes(contentType, entry.bytes(), entry.etag(), cacheControl);
  }

  private static Answer computed(String contentType, byte[] body, String cacheControl) {
    return new Answer.Bytes(contentType, body, etag(body), cacheControl);
  }

  private static String etag(byte[] body) {
    try {
      return HexFormat.of()
          .formatHex(MessageDigest.getInstance("SHA-256").digest(body))
          .substring(0, 32);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  private Answer counted(String kind, Answer answer) {
    requests.add(
        1, Attributes.of(Telemetry.ARTIFACT, kind, Telemetry.HTTP_STATUS, (long) answer.status()));
    long length =
        answer instanceof Answer.Bytes b
            ? b.body().length
            : answer instanceof Answer.Streamed s ? s.object().stat().size() : 0;
    if (length > 0) {
      servedBytes.add(length, Attributes.of(Telemetry.ARTIFACT, kind));
    }
    return answer;
  }

  private static String kind(Artifact artifact) {
    return artifact.extension().substring(1);
  }
}
