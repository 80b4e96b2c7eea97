package dev.modmirror.deploy.bench;

import dev.modmirror.adapters.index.HttpIndexFeed;
import dev.modmirror.adapters.json.EventJson;
import dev.modmirror.adapters.kafka.KafkaBusConfig;
import dev.modmirror.adapters.kafka.KafkaFeedLog;
import dev.modmirror.adapters.telemetry.TelemetryConfig;
import dev.modmirror.adapters.telemetry.TelemetrySetup;
import dev.modmirror.core.event.RequestSource;
import dev.modmirror.core.event.VersionRequested;
import dev.modmirror.core.index.FeedPosition;
import dev.modmirror.core.index.IndexFeed;
import dev.modmirror.core.index.IndexLine;
import dev.modmirror.core.io.Trees;
import dev.modmirror.embedded.kafka.EmbeddedKafka;
import dev.modmirror.ingest.index.FollowIndex;
import dev.modmirror.ingest.index.IndexSettings;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.tools.ProducerPerformance;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./modmirror bench ingest}: replays a generated index feed ({@link SyntheticIndex}) through
 * the real follower ({@link FollowIndex}, {@link HttpIndexFeed}, {@link KafkaFeedLog}: by default
 * one transaction per page, holding its requests and the position after it, as issue 7 asks and the
 * service does; up to {@code --pipeline} transactions in flight) into an embedded broker, then runs
 * Kafka's own {@code kafka-producer-perf-test} ({@link ProducerPerformance}) against the same
 * broker with the same record count, record size and producer settings (it sends without
 * transactions). Says on stderr where a page's time went (sending, committing, waiting for the page
 * read ahead, fetching). Prints {@code RESULT ingest …} last.
 */
@Command(name = "bench-ingest", mixinStandardHelpOptions = true)
public final class IngestBench implements Callable<Integer> {
  private static final Pattern RATE =
      Pattern.compile("([0-9]+) records sent, ([0-9.]+) records/sec");

  @Option(names = "--lines", defaultValue = "1000000", description = "Feed lines to replay.")
  int lines;

  @Option(names = "--partitions", defaultValue = "3", description = "Partitions of the topics.")
  int partitions;

  @Option(
      names = "--batch-records",
      description =
          "Requests per transaction while behind (MODMIRROR_INGEST_INDEX_BATCH_RECORDS); the"
              + " default, 2000 (a page), commits the checkpoint with every page as issue 7 asks.")
  int batchRecords = IndexSettings.MAX_PAGE;

  @Option(
      names = "--pipeline",
      description = "Transactions in flight at once (default: the service's).")
  int pipeline = KafkaFeedLog.DEFAULT_DEPTH;

  @Option(
      names = "--warmup-lines",
      description =
          "Lines replayed untimed first, on a feed of their own: the JIT and the broker's first"
              + " segments (default: --lines, at most 1000000; with a tenth, the JIT was still"
              + " compiling through the measured replay).")
  Integer warmupLines;

  @Option(
      names = "--warmup-rounds",
      defaultValue = "4",
      description =
          "Times the warm-up is replayed, each on a feed of its own (default 4). Code run once per"
              + " page (the HTTP exchange, a transaction's requests, the broker's handling of them)"
              + " runs only 500 times in a 1000000-line replay, too few for the JIT: with one"
              + " round it was still compiling such code through the measured replay.")
  int warmupRounds;

  @Option(names = "--data-dir", description = "Where the broker keeps data (default: a temp dir).")
  Path dataDir;

  public static void main(String[] args) {
    if (System.getenv("MODMIRROR_LOG_LEVEL") == null) {
      System.setProperty("MODMIRROR_LOG_LEVEL", "WARN");
    }
    System.exit(new CommandLine(new IngestBench()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    if (lines < 2000
        || lines > 10_000_000
        || partitions < 1
        || pipeline < 1
        || warmupRounds < 1
        || (warmupLines != null && (warmupLines < 2000 || warmupLines > lines))) {
      // The feed is held in memory as one array: ten million lines are about 1 GB. The warm-up
      // replays the feed's first lines.
      System.err.println(
          "need 2000 <= --lines <= 10000000, 2000 <= --warmup-lines <= --lines, --partitions >= 1,"
              + " --pipeline >= 1, --warmup-rounds >= 1");
      return 2;
    }
    Path dir = dataDir != null ? dataDir : Files.createTempDirectory("modmirror-bench-ingest-");
    try (EmbeddedKafka broker = EmbeddedKafka.start(dir.resolve("kafka"))) {
      return run(broker.bootstrapServers());
    } finally {
      if (dataDir == null) {
        Trees.delete(dir);
      }
    }
  }

  private int run(String bootstrap) throws Exception {
    KafkaBusConfig kafka =
        new KafkaBusConfig(
            bootstrap, "bench", partitions, (short) 1, KafkaBusConfig.DEFAULT_PUBLISH_TIMEOUT);
    int recordSize = recordSize();
    double ours;
    try (OpenTelemetrySdk telemetry =
            TelemetrySetup.create(TelemetryConfig.service("modmirror-bench"));
        SyntheticIndex index = SyntheticIndex.start(lines);
        TimedFeedLog log =
            new TimedFeedLog(KafkaFeedLog.create(kafka, "bench-index", pipeline, telemetry))) {
      // Warm-up: the JIT and the broker's first segments, on a feed of its own each round.
      for (int round = 0; round < warmupRounds; round++) {
        replay(
            index,
            log,
            telemetry,
            round == 0 ? "warmup" : "warmup" + round,
            warmupLines != null ? warmupLines : Math.min(lines, 1_000_000),
            batchRecords);
      }
      log.reset();
      ours = replay(index, log, telemetry, "bench", lines, batchRecords);
    }
    log(
        "ours: %d lines, %s, up to %d transactions in flight, %.0f events/s (record ≈ %d bytes)",
        lines,
        batchRecords <= IndexSettings.MAX_PAGE
            ? "a transaction (requests and checkpoint) per page"
            : "transactions of up to " + batchRecords + " requests",
        pipeline,
        ours,
        recordSize);
    long cpu = processCpuNanos();
    double baseline = baseline(bootstrap, recordSize);
    log(
        "kafka-producer-perf-test: %.0f records/s, process cpu per 2000 records %.2f ms (JVM"
            + " start-up of its producer included)",
        baseline, (processCpuNanos() - cpu) / 1e6 / (lines / 2000.0));
    System.out.printf(
        Locale.ROOT,
        "RESULT ingest events_per_s=%.0f baseline_events_per_s=%.0f ratio=%.2f record_bytes=%d lines=%d%n",
        ours,
        baseline,
        ours / baseline,
        recordSize,
        lines);
    return 0;
  }

  /** Follows the feed from its start until {@code count} lines are published; events per second. */
  private static double replay(
      SyntheticIndex index,
      TimedFeedLog log,
      OpenTelemetrySdk telemetry,
      String name,
      int count,
      int batchRecords) {
    IndexSettings settings = IndexSettings.of(index.baseUrl()).startingAt(SyntheticIndex.T0);
    settings =
        new IndexSettings(
            true,
            settings.baseUrl(),
            name,
            settings.start(),
            2000,
            Duration.ofSeconds(1),
            Duration.ofMillis(100),
            Duration.ofSeconds(5),
            List.of(),
            List.of(),
            batchRecords,
            IndexSettings.DEFAULT_BATCH_TIME);
    HttpIndexFeed http = new HttpIndexFeed(index.baseUrl(), Duration.ofSeconds(30));
    // Wall and CPU time of the follower's thread in fetching pages: what it waits for is the rest.
    long[] fetching = new long[3];
    java.lang.management.ThreadMXBean threads =
        java.lang.management.ManagementFactory.getThreadMXBean();
    IndexFeed timed =
        new IndexFeed() {
          @Override
          public List<String> page(Instant since, int limit) {
            long t = System.nanoTime();
            long c = threads.getCurrentThreadCpuTime();
            List<String> page = http.page(since, limit);
            fetching[0] += System.nanoTime() - t;
            fetching[1] += threads.getCurrentThreadCpuTime() - c;
            fetching[2]++;
            return page;
          }

          @Override
          public String describe() {
            return http.describe();
          }
        };
    FollowIndex follower = new FollowIndex(timed, log, settings, telemetry, Clock.systemUTC());
    Map<Long, Map.Entry<String, Long>> cpuBefore = cpuByThread(threads);
    long processCpu = processCpuNanos();
    long[] gc = gcCountAndMillis();
    long jit =
        java.lang.management.ManagementFactory.getCompilationMXBean().getTotalCompilationTime();
    long started = System.nanoTime();
    long stepping = 0;
    while (true) {
      long t = System.nanoTime();
      follower.step();
      stepping += System.nanoTime() - t;
      FeedPosition at = follower.position();
      if (!at.since().isBefore(SyntheticIndex.at(count - 1))) {
        break;
      }
    }
    double rate = count / ((System.nanoTime() - started) / 1e9);
    long[] gcAfter = gcCountAndMillis();
    log(
        "%s: cpu per page: process %.2f ms (GC and JIT included; %d collections, %d ms in them;"
            + " JIT %d ms); by thread: %s",
        name,
        (processCpuNanos() - processCpu) / 1e6 / (count / 2000.0),
        gcAfter[0] - gc[0],
        gcAfter[1] - gc[1],
        java.lang.management.ManagementFactory.getCompilationMXBean().getTotalCompilationTime()
            - jit,
        cpuPerPage(threads, cpuBefore, count / 2000.0));
    log(
        "%s: %s; %d fetches, per page fetch %.2f ms (cpu %.2f)",
        name,
        log.report(stepping),
        fetching[2],
        fetching[0] / 1e6 / (count / 2000.0),
        fetching[1] / 1e6 / (count / 2000.0));
    return rate;
  }

  private static long[] gcCountAndMillis() {
    long[] sum = new long[2];
    for (var bean : java.lang.management.ManagementFactory.getGarbageCollectorMXBeans()) {
      sum[0] += Math.max(0, bean.getCollectionCount());
      sum[1] += Math.max(0, bean.getCollectionTime());
    }
    return sum;
  }

  private static long processCpuNanos() {
    return java.lang.management.ManagementFactory.getOperatingSystemMXBean()
            instanceof com.sun.management.OperatingSystemMXBean os
        ? os.getProcessCpuTime()
        : 0;
  }

  /**
   * CPU time of the JVM's live threads by thread id, with the thread's name without its digits (the
   * broker's and the producers' threads are numbered).
   */
  private static Map<Long, Map.Entry<String, Long>> cpuByThread(
      java.lang.management.ThreadMXBean threads) {
    Map<Long, Map.Entry<String, Long>> cpu = new HashMap<>();
    for (long id : threads.getAllThreadIds()) {
      java.lang.management.ThreadInfo info = threads.getThreadInfo(id);
      long t = threads.getThreadCpuTime(id);
      if (info != null && t >= 0) {
        cpu.put(id, Map.entry(info.getThreadName().replaceAll("[0-9]+", "#"), t));
      }
    }
    return cpu;
  }

  /**
   * Where the replay's CPU went, per page: the groups above 0.1 ms, largest first, and the total.
   * Each thread's CPU is counted from {@code before} by thread id (a group summed by name lost the
   * CPU of a thread of the warm-up that ended, such as an earlier follower's, and could go
   * negative); threads that ended during the replay are not counted (none should: all are pools).
   */
  private static String cpuPerPage(
      java.lang.management.ThreadMXBean threads,
      Map<Long, Map.Entry<String, Long>> before,
      double pages) {
    Map<String, Long> byGroup = new TreeMap<>();
    for (Map.Entry<Long, Map.Entry<String, Long>> e : cpuByThread(threads).entrySet()) {
      Map.Entry<String, Long> was = before.get(e.getKey());
      long d = e.getValue().getValue() - (was == null ? 0 : was.getValue());
      byGroup.merge(e.getValue().getKey(), d, Long::sum);
    }
    List<Map.Entry<String, Long>> used = new ArrayList<>(byGroup.entrySet());
    long total = used.stream().mapToLong(Map.Entry::getValue).sum();
    used.sort(Map.Entry.<String, Long>comparingByValue().reversed());
    StringBuilder text =
        new StringBuilder(String.format(Locale.ROOT, "total %.2f ms", total / 1e6 / pages));
    for (Map.Entry<String, Long> e : used) {
      if (e.getValue() / 1e6 / pages >= 0.1) {
        text.append(
            String.format(Locale.ROOT, ", %s %.2f", e.getKey(), e.getValue() / 1e6 / pages));
      }
    }
    return text.toString();
  }

  /** Bytes of one of our records: key, JSON value and the trace context header. */
  private static int recordSize() {
    IndexLine line = IndexLine.parse(SyntheticIndex.line(500_000));
    var ref = ((IndexLine.Valid) line).entry().ref();
    byte[] value =
        EventJson.create()
            .write(
                VersionRequested.of(
                    ref,
                    RequestSource.INDEX,
                    "index:" + "2026-01-01T00:00:00.5Z",
                    SyntheticIndex.T0));
    int traceparent = "traceparent".length() + 55;
    return ref.key().length() + value.length + traceparent;
  }

  private double baseline(String bootstrap, int recordSize) throws Exception {
    Properties admin = new Properties();
    admin.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    try (Admin a = Admin.create(admin)) {
      a.createTopics(List.of(new NewTopic("bench-baseline", partitions, (short) 1))).all().get();
    }
    String[] args = {
      "--topic",
      "bench-baseline",
      "--num-records",
      Integer.toString(lines),
      "--record-size",
      Integer.toString(recordSize),
      "--throughput",
      "-1",
      "--producer-props",
      "bootstrap.servers=" + bootstrap,
      "acks=all",
      "enable.idempotence=true",
      "linger.ms=5",
      "batch.size=262144"
    };
    PrintStream out = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      ProducerPerformance.main(args);
    } finally {
      System.setOut(out);
    }
    String text = captured.toString(StandardCharsets.UTF_8);
    Matcher m = RATE.matcher(text);
    double rate = -1;
    long sent = -1;
    while (m.find()) {
      sent = Long.parseLong(m.group(1));
      rate = Double.parseDouble(m.group(2));
    }
    if (rate < 0) {
      throw new IllegalStateException("no rate in kafka-producer-perf-test output:\n" + text);
    }
    if (sent < lines) {
      // Its producer gave records up (seen once at load 20: a batch expired after an
      // OutOfOrderSequenceException): its rate is no baseline.
      throw new IllegalStateException(
          "kafka-producer-perf-test sent " + sent + " of " + lines + " records:\n" + text);
    }
    log("kafka-producer-perf-test said: %s", text.strip().lines().reduce((a, b) -> b).orElse(""));
    return rate;
  }

  private static void log(String format, Object... args) {
    System.err.printf(Locale.ROOT, "bench ingest: " + format + "%n", args);
  }
}
