package dev.modmirror.deploy.bench;

import dev.modmirror.adapters.json.EventJson;
import dev.modmirror.adapters.kafka.TopicSetup;
import dev.modmirror.core.event.RequestSource;
import dev.modmirror.core.event.Topics;
import dev.modmirror.core.event.WarmPriority;
import dev.modmirror.core.event.WarmRequested;
import dev.modmirror.core.io.Trees;
import dev.modmirror.core.module.ModuleRef;
import dev.modmirror.deploy.chaos.ChildService;
import dev.modmirror.deploy.dev.DevCluster;
import dev.modmirror.deploy.wiring.Adapters;
import dev.modmirror.deploy.wiring.Deployment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./modmirror bench backlog}: {@code --requests} warm requests queued on the backfill lane
 * (as a long index replay leaves them) before the warmer starts, then {@code modmirror warmer} as a
 * process of its own at {@code -Xmx256m} drains them to zero consumer lag. Every request is for a
 * distinct version that the upstream answers 404 at once, so each ends on the consumer path the
 * bench is about (poll, hand to a worker, read the store, ask the upstream, publish the outcome,
 * commit) and not on a zip download: a million zips would measure the upstream and S3, and a few
 * distinct versions asked a million times would let per-version state stay small by accident. Heap
 * after a full collection is sampled throughout ({@link HeapSampler}). Checks that every request
 * ended with exactly one outcome. Prints {@code RESULT backlog …} last; exit 0 only if the lag
 * reached zero with one outcome per request.
 */
@Command(name = "bench-backlog", mixinStandardHelpOptions = true)
public final class BacklogBench implements Callable<Integer> {
  private static final String GROUP = "modmirror-warmer";

  @Option(names = "--requests", defaultValue = "1000000", description = "Queued requests.")
  int requests;

  @Option(names = "--in-flight", defaultValue = "64", description = "Warmer versions in flight.")
  int inFlight;

  @Option(names = "--sample-seconds", defaultValue = "10", description = "Heap sampling period.")
  int sampleSeconds;

  @Option(names = "--timeout", defaultValue = "PT3H", description = "Give up draining after.")
  Duration timeout;

  @Option(names = "--data-dir", description = "Where data goes; kept (default: temp, removed).")
  Path dataDir;

  public static void main(String[] args) {
    if (System.getenv("MODMIRROR_LOG_LEVEL") == null) {
      System.setProperty("MODMIRROR_LOG_LEVEL", "WARN");
    }
    System.exit(new CommandLine(new BacklogBench()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    if (requests < 1 || inFlight < 1) {
      System.err.println("need --requests >= 1 and --in-flight >= 1");
      return 2;
    }
    Path dir = dataDir != null ? dataDir : Files.createTempDirectory("modmirror-bench-backlog-");
    try (DevCluster cluster = DevCluster.start(dir, 0);
        Adapters adapters = Adapters.open(deployment(cluster, dir), Adapters.NO_REGION);
        LatencyGoproxy upstream =
            LatencyGoproxy.start(Files.createDirectories(dir.resolve("empty")), Duration.ZERO)) {
      TopicSetup.ensure(adapters.deployment().kafka());
      double publishSeconds = publish(cluster.bootstrapServers());
      return drain(dir, cluster, adapters, upstream, publishSeconds);
    } finally {
      if (dataDir == null) {
        Trees.deleteQuietly(dir);
      }
    }
  }

  /**
   * Queues the requests, {@code bench.example/backlog/m<n>@v1.0.0}, each version once, with a plain
   * batching producer: the records are the bus's (same key, same JSON), but not sent one traced,
   * acknowledged record at a time. Queuing is not what is measured, so it goes as fast as the
   * broker takes it.
   */
  private double publish(String bootstrap) {
    long started = System.nanoTime();
    EventJson json = EventJson.create();
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ProducerConfig.LINGER_MS_CONFIG, "50");
    p.put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(1 << 20));
    p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    AtomicLong failed = new AtomicLong();
    Instant now = Instant.now();
    try (KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer())) {
      for (int i = 0; i < requests; i++) {
        ModuleRef ref =
            ModuleRef.of(String.format(Locale.ROOT, "bench.example/backlog/m%07d", i), "v1.0.0");
        WarmRequested request =
            new WarmRequested(
                WarmRequested.SCHEMA,
                ref,
                WarmPriority.BACKFILL,
                List.of(RequestSource.INDEX),
                "bench",
                now);
        producer.send(
            new ProducerRecord<>(Topics.WARM_BACKFILL.name(), ref.key(), json.write(request)),
            (meta, e) -> {
              if (e != null) {
                failed.incrementAndGet();
              }
            });
        if (i > 0 && i % 200_000 == 0) {
          log("%d requests queued", i);
        }
      }
      producer.flush();
    }
    if (failed.get() > 0) {
      throw new IllegalStateException(failed.get() + " requests could not be queued");
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    log("%d requests queued in %.1f s", requests, seconds);
    return seconds;
  }

  private int drain(
      Path dir,
      DevCluster cluster,
      Adapters adapters,
      LatencyGoproxy upstream,
      double publishSeconds)
      throws Exception {
    Map<String, String> env =
        new LinkedHashMap<>(
            Deployment.variables(cluster.bootstrapServers(), cluster.primary(), Map.of()));
    env.put("MODMIRROR_UPSTREAM", upstream.baseUrl().toString());
    env.put("MODMIRROR_GOSUMDB", "off");
    env.put("MODMIRROR_WARMER_IN_FLIGHT", Integer.toString(inFlight));
    env.put("MODMIRROR_WARMER_SPOOL_DIR", Files.createDirectories(dir.resolve("spool")).toString());
    env.put("MODMIRROR_LOG_LEVEL", "WARN");
    var backlog = adapters.backlog().orElseThrow();
    long benchCpu = Measure.processCpuNanos();
    long started = System.nanoTime();
    long deadline = started + timeout.toNanos();
    long lag = requests;
    try (ChildService warmer = new ChildService("warmer", env, dir.resolve("logs"), "warmer");
        HeapSampler heap = HeapSampler.every(warmer.start(), sampleSeconds)) {
      while (System.nanoTime() < deadline) {
        Thread.sleep(TimeUnit.SECONDS.toMillis(sampleSeconds));
        if (!warmer.alive()) {
          log("the warmer exited; see %s", warmer.log());
          break;
        }
        lag = backlog.of(Topics.WARM_BACKFILL, GROUP).records();
        double minutes = (System.nanoTime() - started) / 6e10;
        log("%.1f min: lag %d, %.0f requests/s", minutes, lag, (requests - lag) / (minutes * 60));
        if (lag == 0) {
          break;
        }
      }
      double seconds = (System.nanoTime() - started) / 1e9;
      // CPU of the whole drain: the warmer, and this JVM's broker, S3 server and upstream.
      double cpuSeconds =
          childCpuSeconds(warmer.pid()) + (Measure.processCpuNanos() - benchCpu) / 1e9;
      heap.sample();
      long outcomes = outcomes(cluster.bootstrapServers());
      log(
          "drained in %.1f s; %d outcomes for %d requests; %d upstream requests; %d heap samples",
          seconds, outcomes, requests, upstream.requests(), heap.samples());
      System.out.printf(
          Locale.ROOT,
          "RESULT backlog requests=%d seconds=%.1f heap_peak_mib=%.1f heap_slope_mib_per_min=%.2f"
              + " lag_end=%d outcomes=%d requests_per_s=%.0f cpu_ms_per_request=%.2f"
              + " publish_seconds=%.1f in_flight=%d%n",
          requests,
          seconds,
          heap.peakMib(),
          heap.slopeMibPerMinute(1),
          lag,
          outcomes,
          requests / seconds,
          1000 * cpuSeconds / requests,
          publishSeconds,
          inFlight);
      return lag == 0 && outcomes == requests ? 0 : 1;
    }
  }

  /**
   * CPU seconds a child process has used so far ({@code /proc/<pid>/stat}, user and system, in
   * clock ticks of 1/100 s as Linux reports them to user space); 0 if it cannot be read.
   */
  private static double childCpuSeconds(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      // Fields after the command name, which may hold spaces: state is field 3, utime 14, stime 15.
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0;
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }

  /**
   * Outcomes published so far: the records on the warmed and failed topics (nothing else writes
   * them here, and neither producer is transactional, so offsets are records).
   */
  private static long outcomes(String bootstrap) throws Exception {
    Properties p = new Properties();
    p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    try (Admin admin = Admin.create(p)) {
      Map<TopicPartition, OffsetSpec> ends = new HashMap<>();
      for (String topic : List.of(Topics.WARMED.name(), Topics.FAILED.name())) {
        admin
            .describeTopics(List.of(topic))
            .allTopicNames()
            .get(1, TimeUnit.MINUTES)
            .get(topic)
            .partitions()
            .forEach(
                part -> ends.put(new TopicPartition(topic, part.partition()), OffsetSpec.latest()));
      }
      return admin.listOffsets(ends).all().get(1, TimeUnit.MINUTES).values().stream()
          .mapToLong(info -> info.offset())
          .sum();
    }
  }

  private static Deployment deployment(DevCluster cluster, Path dir) throws Exception {
    // Its own spool: the warmer child's is dir/spool.
    return ServeBench.deployment(
        cluster, "bench-backlog", Files.createDirectories(dir.resolve("bench-spool")));
  }

  private static void log(String format, Object... args) {
    System.err.printf(Locale.ROOT, "bench backlog: " + format + "%n", args);
  }
}
