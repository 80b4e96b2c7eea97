package dev.modmirror.deploy.chaos;

import dev.modmirror.core.module.ModuleRef;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * The steady load: the catalog's versions, one every {@code 1/rate} seconds, each requested through
 * one source chosen by the seed: half through the index feed, an eighth as webhook tag pushes, an
 * eighth as branch pushes whose go.mod ingest fetches from the raw-content server, a quarter in
 * go.mod files ingested by {@code modmirror ingest FILE} every 15 s; one in ten is also requested
 * again through another source (the dedupe stage must absorb it). A version counts as requested
 * once a source accepted it: appended to the feed, a 202, an ingest exit 0. Refused deliveries and
 * failed ingest runs are tried again until accepted.
 */
final class LoadFeeder implements AutoCloseable {
  private final ChaosCatalog catalog;
  private final Random random;
  private final double rate;
  private final ChaosIndex index;
  private final Webhooks webhooks;
  private final Function<List<ModuleRef>, Boolean> ingestGoMod;
  private final Set<ModuleRef> requested = new LinkedHashSet<>();
  private final Deque<Delivery> webhookQueue = new ArrayDeque<>();
  private final List<ModuleRef> goModBatch = new ArrayList<>();
  private final AtomicLong goModRuns = new AtomicLong();
  private final AtomicLong goModFailures = new AtomicLong();
  private final Map<String, AtomicLong> bySource =
      Map.of(
          "index",
          new AtomicLong(),
          "webhook",
          new AtomicLong(),
          "branch",
          new AtomicLong(),
          "gomod",
          new AtomicLong());
  private final List<Thread> threads = new ArrayList<>();
  private volatile boolean feeding = true;
  private volatile boolean running = true;
  private int next;

  /**
   * @param ingestGoMod publishes a go.mod requiring these versions; true when it exited 0
   */
  LoadFeeder(
      ChaosCatalog catalog,
      long seed,
      double rate,
      ChaosIndex index,
      Webhooks webhooks,
      Function<List<ModuleRef>, Boolean> ingestGoMod) {
    this.catalog = catalog;
    this.random = new Random(seed ^ 0x10adL);
    this.rate = rate;
    this.index = index;
    this.webhooks = webhooks;
    this.ingestGoMod = ingestGoMod;
    threads.add(thread("chaos-load", this::feed));
    threads.add(thread("chaos-webhooks", this::deliverWebhooks));
    threads.add(thread("chaos-gomods", this::ingestGoMods));
    threads.forEach(Thread::start);
  }

  /** Stops taking new versions; queued deliveries and go.mod files are still sent. */
  void stopFeeding() {
    feeding = false;
  }

  /** True once nothing is queued for a source. */
  synchronized boolean drained() {
    return webhookQueue.isEmpty() && goModBatch.isEmpty();
  }

  synchronized Set<ModuleRef> requested() {
    return Set.copyOf(requested);
  }

  /** Accepted requests per source (a version requested twice counts twice). */
  Map<String, Long> bySource() {
    return Map.of(
        "index", bySource.get("index").get(),
        "webhook", bySource.get("webhook").get(),
        "branch", bySource.get("branch").get(),
        "gomod", bySource.get("gomod").get());
  }

  long goModRuns() {
    return goModRuns.get();
  }

  long goModFailures() {
    return goModFailures.get();
  }

  private void feed() {
    long periodNanos = (long) (1e9 / rate);
    long due = System.nanoTime();
    List<ChaosCatalog.Version> load = catalog.load();
    while (running && feeding && next < load.size()) {
      ModuleRef ref = load.get(next++).ref();
      int source = random.nextInt(4);
      request(ref, source);
      if (random.nextInt(10) == 0 && next > 20) {
        // An earlier version again through another source: the dedupe stage's work.
        request(load.get(random.nextInt(next - 1)).ref(), (source + 1 + random.nextInt(3)) % 4);
      }
      due += periodNanos;
      sleepNanos(due - System.nanoTime());
    }
  }

  private void request(ModuleRef ref, int source) {
    if (source < 2) {
      index.append(ref);
      accepted(ref, "index");
    } else if (source == 2) {
      // Tag or branch push by the version's place in the catalog, not by another draw, so that
      // the seed's other choices stay what they were before branch pushes were added.
      synchronized (this) {
        webhookQueue.add(new Delivery(ref, next % 2 == 0));
      }
    } else {
      synchronized (this) {
        goModBatch.add(ref);
      }
    }
  }

  private void deliverWebhooks() {
    while (running) {
      Delivery delivery;
      synchronized (this) {
        delivery = webhookQueue.peekFirst();
      }
      if (delivery == null) {
        sleepNanos(200_000_000L);
        continue;
      }
      ModuleRef ref = delivery.ref();
      if (delivery.branch() ? webhooks.pushBranch(ref) : webhooks.push(ref)) {
        synchronized (this) {
          webhookQueue.pollFirst();
        }
        accepted(ref, delivery.branch() ? "branch" : "webhook");
      } else {
        sleepNanos(1_000_000_000L);
      }
    }
  }

  private void ingestGoMods() {
    while (running) {
      sleepNanos(15_000_000_000L);
      List<ModuleRef> batch;
      synchronized (this) {
        batch = List.copyOf(goModBatch);
      }
      if (batch.isEmpty() || !running) {
        continue;
      }
      goModRuns.incrementAndGet();
      if (ingestGoMod.apply(batch)) {
        synchronized (this) {
          goModBatch.subList(0, batch.size()).clear();
        }
        batch.forEach(ref -> accepted(ref, "gomod"));
      } else {
        goModFailures.incrementAndGet();
      }
    }
  }

  private synchronized void accepted(ModuleRef ref, String source) {
    requested.add(ref);
    bySource.get(source).incrementAndGet();
  }

  /** The go.mod text requiring {@code refs}, as a project at go 1.21 would have it. */
  static String goMod(List<ModuleRef> refs) {
    StringBuilder text = new StringBuilder("module chaos.example/app\n\ngo 1.21\n\nrequire (\n");
    for (ModuleRef ref : new LinkedHashSet<>(refs)) {
      text.append('\t').append(ref.modulePath()).append(' ').append(ref.moduleVersion());
      text.append('\n');
    }
    return text.append(")\n").toString();
  }

  static Path writeGoMod(Path dir, long n, List<ModuleRef> refs) throws IOException {
    Path file = dir.resolve("batch-" + n).resolve("go.mod");
    Files.createDirectories(file.getParent());
    Files.writeString(file, goMod(refs), StandardCharsets.UTF_8);
    return file;
  }

  /** A version to push: as its own tag, or required by a pushed branch's go.mod. */
  private record Delivery(ModuleRef ref, boolean branch) {}

  private static Thread thread(String name, Runnable body) {
    Thread t = new Thread(body, name);
    t.setDaemon(true);
    return t;
  }

  private static void sleepNanos(long nanos) {
    if (nanos <= 0) {
      return;
    }
    try {
      Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    for (Thread t : threads) {
      t.interrupt();
      t.join(5_000);
    }
  }
}
