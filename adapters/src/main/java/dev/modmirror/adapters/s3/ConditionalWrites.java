package dev.modmirror.adapters.s3;

import dev.modmirror.core.error.PermanentException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Proves at start-up that a store honours conditional PUTs, on which a version's immutability and
 * the checksum database's compare-and-set rest: {@code If-None-Match: *} must refuse an existing
 * key and {@code If-Match} a stale ETag (deterministic checks), and of {@value #WRITERS} writers
 * racing from one ETag, or to create one key, exactly one may win, in each of {@value #ROUNDS}
 * rounds. The race catches a store that checks and then writes (S3Proxy 4.1.0 does for {@code
 * If-Match}: several writers won in most rounds) with high but not certain probability; a store
 * that passes the deterministic checks and loses a race rarely enough can slip through. The probe
 * writes under {@code _modmirror/probe/} and removes what it wrote.
 *
 * <p>A store that fails is refused ({@link PermanentException}: the process stops with the reason)
 * unless its config allows it ({@link S3Config#allowUnsafeCas()}): then conditional writes are
 * evaluated in this process ({@link S3Bucket#withLocalConditions()}), which is safe for one writer
 * process only. A result is kept per endpoint for the life of the process.
 */
final class ConditionalWrites {
  private static final Logger log = LoggerFactory.getLogger(ConditionalWrites.class);
  private static final int WRITERS = 8;
  private static final int ROUNDS = 3;
  private static final Map<String, Optional<String>> PROBED = new ConcurrentHashMap<>();

  private ConditionalWrites() {}

  /**
   * The bucket to use: {@code bucket} itself if its store honours conditional writes, or, where the
   * config allows it, the bucket with conditions evaluated in this process.
   *
   * @throws PermanentException if the store does not honour them and the config does not allow it
   */
  static S3Bucket require(S3Bucket bucket, S3Config config) {
    Optional<String> problem = PROBED.computeIfAbsent(bucket.endpoint(), e -> probe(bucket));
    if (problem.isEmpty()) {
      return bucket;
    }
    String what =
        "the S3 store at "
            + bucket.endpoint()
            + " does not honour conditional writes atomically ("
            + problem.get()
            + ")";
    if (!config.allowUnsafeCas()) {
      throw new PermanentException(
          what
              + "; immutable versions and the checksum database's tree head need them across"
              + " replicas. Use a store that does (AWS S3, MinIO), or run a single writer process"
              + " with MODMIRROR_S3_ALLOW_UNSAFE_CAS=true");
    }
    log.warn(
        "{}; MODMIRROR_S3_ALLOW_UNSAFE_CAS=true: conditional writes are serialized in this process"
            + " only. Run exactly one warmer and one replicator per bucket.",
        what);
    return bucket.withLocalConditions();
  }

  /** Empty if the store passed, else what it got wrong. */
  static Optional<String> probe(S3Bucket bucket) {
    String prefix = "_modmirror/probe/" + UUID.randomUUID() + "/";
    List<String> written = new ArrayList<>();
    try {
      String key = prefix + "object";
      written.add(key);
      if (!create(bucket, key, "first")) {
        return Optional.of("If-None-Match: * refused a new key");
      }
      if (create(bucket, key, "second")) {
        return Optional.of("If-None-Match: * replaced an existing key");
      }
      String etag = bucket.stat(key, null).orElseThrow().etag();
      if (replace(bucket, key, "\"0123456789abcdef0123456789abcdef\"", "stale")) {
        return Optional.of("If-Match replaced an object whose ETag had changed");
      }
      if (!replace(bucket, key, "\"" + etag + "\"", "third")) {
        return Optional.of("If-Match refused the current ETag");
      }
      for (int round = 0; round < ROUNDS; round++) {
        String fresh = prefix + "race-" + round;
        written.add(fresh);
        // Bodies differ in every round: an ETag is the content's MD5, and a writer repeating the
        // body of the one it replaced would leave the ETag, and the race, unchanged.
        String tag = "round " + round + " writer ";
        int created = race(i -> create(bucket, fresh, tag + i));
        if (created != 1) {
          return Optional.of(created + " of " + WRITERS + " racing If-None-Match: * writers won");
        }
        String current = "\"" + bucket.stat(key, null).orElseThrow().etag() + "\"";
        int replaced = race(i -> replace(bucket, key, current, tag + i));
        if (replaced != 1) {
          return Optional.of(replaced + " of " + WRITERS + " racing If-Match writers won");
        }
      }
      return Optional.empty();
    } finally {
      written.forEach(key -> bucket.remove(key, null));
    }
  }

  private static boolean create(S3Bucket bucket, String key, String body) {
    return bucket.putIf(
        Map.of("If-None-Match", "*"), key, bytes(body), "text/plain", Map.of(), null);
  }

  private static boolean replace(S3Bucket bucket, String key, String etag, String body) {
    return bucket.putIf(Map.of("If-Match", etag), key, bytes(body), "text/plain", Map.of(), null);
  }

  /** One attempt of a racing writer. */
  @FunctionalInterface
  private interface Writer {
    boolean write(int index);
  }

  private static int race(Writer writer) {
    ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
    CountDownLatch start = new CountDownLatch(1);
    AtomicInteger won = new AtomicInteger();
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int i = 0; i < WRITERS; i++) {
        int index = i;
        done.add(
            pool.submit(
                () -> {
                  start.await();
                  if (writer.write(index)) {
                    won.incrementAndGet();
                  }
                  return null;
                }));
      }
      start.countDown();
      for (Future<?> f : done) {
        f.get(60, TimeUnit.SECONDS);
      }
      return won.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while probing conditional writes", e);
    } catch (Exception e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      if (cause instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException("probing conditional writes failed", cause);
    } finally {
      pool.shutdownNow();
    }
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
