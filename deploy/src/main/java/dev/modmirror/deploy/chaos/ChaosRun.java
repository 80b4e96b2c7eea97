package dev.modmirror.deploy.chaos;

import dev.modmirror.adapters.kafka.KafkaBusConfig;
import dev.modmirror.adapters.kafka.TopicSetup;
import dev.modmirror.adapters.s3.S3Config;
import dev.modmirror.core.event.RegionReplicated;
import dev.modmirror.core.event.Topics;
import dev.modmirror.core.index.FeedTime;
import dev.modmirror.core.module.ModuleRef;
import dev.modmirror.deploy.wiring.Deployment;
import dev.modmirror.embedded.kafka.KafkaProcessCluster;
import dev.modmirror.embedded.s3.EmbeddedS3;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * One chaos run: starts the servers and the services as separate processes, feeds the load, injects
 * the seeded faults one at a time (upstream faults all along), lets the mirror settle, runs
 * reconcile where this build has it, then reads the buckets and topics back and checks the
 * invariants. See docs/reliability.md.
 */
final class ChaosRun implements AutoCloseable {
  static final List<String> REGIONS = List.of("region-1", "region-2");
  private static final Duration RECOVERY_BOUND = Duration.ofMinutes(4);
  private static final String WARMER_GROUP = "modmirror-warmer";

  /** The ingest service's Kafka Streams application id (its default). */
  private static final String INGEST_GROUP = "modmirror-ingest";

  /**
   * Where the logs of services that exited on their own are kept: out of the run's directory, which
   * a passing run deletes (relative: the module's or the launcher's working directory).
   */
  static final Path EXITS_DIR = Path.of("target", "chaos-exits");

  /** The index feed's name: the key of its checkpoints. */
  private static final String FEED = "chaos-index";

  private final ChaosSettings settings;
  private final PrintStream log;
  private final List<AutoCloseable> closing = new ArrayList<>();
  private final Map<String, ChildService> services = new LinkedHashMap<>();
  private final Map<String, TcpFront> fronts = new LinkedHashMap<>();
  private final Map<String, S3Config> direct = new LinkedHashMap<>();
  private final Outcomes outcomes = new Outcomes();
  private final FaultLog faults = new FaultLog(RECOVERY_BOUND.toSeconds());
  private final List<Poison> poison = new ArrayList<>();
  private final AtomicInteger canariesUsed = new AtomicInteger();
  private final Set<ModuleRef> canariesRequested = ConcurrentHashMap.newKeySet();
  private final Random random;
  private ChaosCatalog catalog;
  private KafkaProcessCluster kafka;
  private ChaosUpstream upstream;
  private Webhooks webhooks;
  private Map<String, String> env;
  private boolean reconciled;
  // When the load stopped: requests not ended yet, and the seconds until the last one ended.
  private long openAtStop = -1;
  private double settleSeconds = -1;
  private String reconcileNote = "not run";

  private final ProcessSampler sampler;
  private final UnexpectedExits exits;
  private final ScheduledExecutorService watcher =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "chaos-exit-watcher");
            t.setDaemon(true);
            return t;
          });
  // The fault in progress (or the run's phase), named with an exit that happens meanwhile.
  private volatile String phase = "start-up";

  ChaosRun(ChaosSettings settings, PrintStream log) {
    this(settings, log, null);
  }

  /**
   * With a {@code sampler}, a soak: the same mirror and load, no scheduled fault, every service
   * sampled every 10 s.
   */
  ChaosRun(ChaosSettings settings, PrintStream log, ProcessSampler sampler) {
    this.settings = settings;
    this.log = log;
    this.sampler = sampler;
    this.random = new Random(settings.seed() ^ 0xfa17L);
    this.exits = new UnexpectedExits(EXITS_DIR.toAbsolutePath());
  }

  /** The spool directory the services share (the soak samples its size). */
  static Path spoolDir(Path dir) {
    return dir.resolve("spool");
  }

  /** Runs everything and returns the report; the servers and services are stopped by close. */
  ChaosReport run() throws Exception {
    Instant started = Instant.now();
    Path dir = settings.dir();
    say("seed " + settings.seed() + ", " + settings.duration() + " of faults, data under " + dir);
    catalog =
        ChaosCatalog.generate(settings.seed(), settings.versionsNeeded(), 80, dir.resolve("tmp"));
    startServers(dir);
    startServices(dir);
    OutcomeReader reader = OutcomeReader.start(kafka.bootstrapServers(), outcomes);
    closing.add(reader);
    double first = canary().orElse(Double.POSITIVE_INFINITY);
    faults.baseline(first);
    say("first canary through the whole mirror in " + FaultLog.seconds(first) + " s");
    LoadFeeder load =
        new LoadFeeder(
            catalog, settings.seed(), settings.rate(), index, webhooks, this::ingestGoMod);
    closing.add(load);
    // The duration counts from here: start-up is not fault time.
    Instant end = Instant.now().plus(settings.duration());
    if (sampler == null) {
      injectFaults(end);
    } else {
      phase = "the soak";
      sampleUntil(end, load);
    }
    say("faults over; settling (at most " + settings.settle() + ")");
    phase = "the end of the faults";
    load.stopFeeding();
    upstream.faultRate(0);
    fronts.values().forEach(f -> f.mode(TcpFront.Mode.UP));
    restartDeadServices();
    awaitDrained(load);
    Set<ModuleRef> requested = load.requested();
    // Late canaries are awaited too: their recoveries are measured to the moment they complete.
    Set<ModuleRef> awaited = new HashSet<>(requested);
    awaited.addAll(canariesRequested);
    boolean settled = awaitSettled(awaited);
    reconcile();
    Map<String, Long> lag = awaitNoLag();
    Set<String> regions = Set.copyOf(REGIONS);
    faults.resolveLate(ref -> outcomes.copiedEverywhereAt(ref, regions));
    List<BucketContents> buckets = new ArrayList<>();
    for (Map.Entry<String, S3Config> bucket : direct.entrySet()) {
      buckets.add(BucketReader.read(bucket.getKey(), bucket.getValue()));
    }
    upstream.injected().forEach((f, n) -> faults.counted(f.label(), n));
    Verdict verdict =
        ChaosInvariants.check(
            catalog.expected(), requested, upstream.corrupted(), outcomes, buckets, poison, lag);
    return new ChaosReport(
        settings,
        verdict,
        faults,
        settled,
        reconcileNote,
        load.bySource(),
        Duration.between(started, Instant.now()),
        openAtStop,
        settleSeconds,
        exits.all());
  }

  private ChaosIndex index;
  private RawContentServer raw;
  private SpoolDisk spool;

  private void startServers(Path dir) throws IOException {
    kafka = KafkaProcessCluster.start(dir.resolve("kafka"), 3);
    closing.add(kafka);
    say("three brokers up at " + kafka.bootstrapServers());
    Map<String, S3Config> viaFronts = new LinkedHashMap<>();
    for (String name : List.of("primary", REGIONS.get(0), REGIONS.get(1))) {
      String secret = HexFormat.of().formatHex(new SecureRandom().generateSeed(12));
      EmbeddedS3 s3 = EmbeddedS3.start(dir.resolve("s3").resolve(name), "chaos-" + name, secret);
      closing.add(s3);
      S3Config config =
          new S3Config(s3.endpoint(), s3.accessKey(), s3.secretKey(), "chaos-" + name, "us-east-1");
      TcpFront front = TcpFront.start(s3.endpoint());
      closing.add(front);
      fronts.put(name, front);
      direct.put(name, config);
      viaFronts.put(
          name,
          new S3Config(
              front.endpoint(), s3.accessKey(), s3.secretKey(), config.bucket(), "us-east-1"));
    }
    KafkaBusConfig bus =
        new KafkaBusConfig(kafka.bootstrapServers(), "chaos", 3, (short) 3, Duration.ofSeconds(60));
    TopicSetup.ensure(bus);
    upstream = ChaosUpstream.start(catalog, settings.seed(), settings.upstreamFaultRate());
    closing.add(upstream);
    index = ChaosIndex.start(Instant.now());
    closing.add(index);
    raw = RawContentServer.start();
    closing.add(raw);
    Map<String, S3Config> regions = new LinkedHashMap<>();
    REGIONS.forEach(r -> regions.put(r, viaFronts.get(r)));
    env =
        new LinkedHashMap<>(
            Deployment.variables(kafka.bootstrapServers(), viaFronts.get("primary"), regions));
  }

  private void startServices(Path dir) throws IOException, InterruptedException {
    spool = SpoolDisk.create(spoolDir(dir));
    closing.add(spool);
    if (!spool.available()) {
      say("the spool is no file system of its own (mounting a tmpfs needs root): no spool fault");
    }
    int ingestPort = freePort();
    String token = HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
    webhooks = new Webhooks(URI.create("http://127.0.0.1:" + ingestPort), token, raw);
    env.putAll(
        Map.ofEntries(
            Map.entry("MODMIRROR_KAFKA_REPLICATION", "3"),
            Map.entry("MODMIRROR_UPSTREAM", upstream.baseUrl().toString()),
            Map.entry("MODMIRROR_GOSUMDB", "off"),
            Map.entry("MODMIRROR_UPSTREAM_REQUEST_TIMEOUT", "PT15S"),
            Map.entry("MODMIRROR_WARMER_MAX_ATTEMPTS", "8"),
            Map.entry("MODMIRROR_WARMER_BACKOFF", "PT1S"),
            Map.entry("MODMIRROR_WARMER_MAX_BACKOFF", "PT20S"),
            Map.entry("MODMIRROR_WARMER_IN_FLIGHT", "16"),
            Map.entry("MODMIRROR_WARMER_DEADLINE", "PT2M"),
            Map.entry("MODMIRROR_WARMER_SPOOL_DIR", spool.dir().toString()),
            Map.entry("MODMIRROR_REPLICATOR_SPOOL_DIR", spool.dir().toString()),
            Map.entry("MODMIRROR_REPLICATOR_MAX_ATTEMPTS", "4"),
            Map.entry("MODMIRROR_REPLICATOR_BACKOFF", "PT2S"),
            Map.entry("MODMIRROR_REPLICATOR_IN_FLIGHT", "8")));
    Map<String, String> ingest = new LinkedHashMap<>(env);
    ingest.putAll(
        Map.ofEntries(
            Map.entry("MODMIRROR_INGEST_INDEX_ENABLED", "true"),
            Map.entry("MODMIRROR_INGEST_INDEX_URL", index.baseUrl().toString()),
            Map.entry("MODMIRROR_INGEST_INDEX_NAME", FEED),
            // Static membership, as a StatefulSet runs ingest: a restarted ingest takes its
            // partitions back at once instead of after the dead member's session timeout.
            Map.entry("MODMIRROR_INGEST_INSTANCE_ID", "ingest-0"),
            Map.entry("MODMIRROR_INGEST_INDEX_SINCE", FeedTime.format(index.start())),
            Map.entry("MODMIRROR_INGEST_INDEX_INTERVAL", "PT1S"),
            Map.entry("MODMIRROR_INGEST_INDEX_MAX_BACKOFF", "PT5S"),
            Map.entry("MODMIRROR_PREFETCH_ENABLED", "false"),
            Map.entry("MODMIRROR_INGEST_HTTP_HOST", "127.0.0.1"),
            Map.entry("MODMIRROR_INGEST_HTTP_PORT", Integer.toString(ingestPort)),
            Map.entry("MODMIRROR_INGEST_STATE_DIR", dir.resolve("ingest-state").toString()),
            Map.entry("MODMIRROR_WEBHOOK_GENERIC_TOKEN", token),
            Map.entry("MODMIRROR_WEBHOOK_RAW_URL", raw.template())));
    Path logs = dir.resolve("logs");
    add(new ChildService("ingest", ingest, logs, "ingest"));
    add(new ChildService("warmer-1", env, logs, "warmer"));
    add(new ChildService("warmer-2", env, logs, "warmer"));
    for (String region : REGIONS) {
      add(new ChildService("replicator-" + region, env, logs, "replicator", "--region", region));
    }
    Map<String, String> serve = new LinkedHashMap<>(env);
    serve.put("MODMIRROR_SERVE_LISTEN", "127.0.0.1:" + freePort());
    add(new ChildService("serve", serve, logs, "serve"));
    services.values().forEach(ChildService::start);
    say("started " + String.join(", ", services.keySet()) + " (logs under " + logs + ")");
    watcher.scheduleWithFixedDelay(this::noticeExits, 2, 2, TimeUnit.SECONDS);
  }

  /**
   * Records every service that exited without being told to, with its reason, and keeps its log.
   * Called every 2 s and before a service is killed (so a kill does not hide an earlier exit).
   */
  private void noticeExits() {
    for (ChildService s : services.values()) {
      exits
          .check(s, phase)
          .ifPresent(
              exit -> {
                faults.counted("unexpected exit " + exit.service(), 1);
                say(exit.describe());
              });
    }
  }

  private void add(ChildService service) {
    services.put(service.name(), service);
    closing.add(service);
  }

  /** Publishes a go.mod of {@code refs} with a one-shot {@code modmirror ingest FILE}. */
  private boolean ingestGoMod(List<ModuleRef> refs) {
    try {
      long n = System.nanoTime();
      Path file = LoadFeeder.writeGoMod(settings.dir().resolve("gomods"), n, refs);
      ChildService once =
          new ChildService(
              "ingest-gomod", env, settings.dir().resolve("logs"), "ingest", file.toString());
      once.start();
      int exit = once.awaitExit(180);
      if (exit < 0) {
        once.kill();
      }
      return exit == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private void injectFaults(Instant end) throws Exception {
    List<FaultKind> schedule = FaultKind.schedule(settings.seed(), 1000);
    int brokers = 0;
    int regionTurn = 0;
    for (FaultKind kind : schedule) {
      if (!Instant.now().isBefore(end)) {
        return;
      }
      if (canariesUsed.get() >= catalog.canaries().size()) {
        say("every canary used: no more scheduled faults");
        return;
      }
      if (kind == FaultKind.SPOOL_FULL && !spool.available()) {
        continue;
      }
      say("fault: " + kind.label());
      String label = kind.label();
      phase = label;
      switch (kind) {
        case KILL_INGEST -> killAndRestart("ingest");
        case KILL_WARMER_1 -> killAndRestart("warmer-1");
        case KILL_WARMER_2 -> killAndRestart("warmer-2");
        case KILL_REPLICATOR_1 -> killAndRestart("replicator-region-1");
        case KILL_REPLICATOR_2 -> killAndRestart("replicator-region-2");
        case KILL_SERVE -> killAndRestart("serve");
        case KILL_BROKER -> {
          int node = brokers++ % 3 + 1;
          label = "kill -9 broker " + node;
          kafka.kill(node);
          pause(Duration.ofSeconds(20));
          kafka.restart(node);
        }
        case REGION_DOWN -> {
          String region = REGIONS.get(regionTurn++ % REGIONS.size());
          label = region + " S3 stopped 45 s";
          fronts.get(region).mode(TcpFront.Mode.DOWN);
          pause(Duration.ofSeconds(45));
          fronts.get(region).mode(TcpFront.Mode.UP);
        }
        case PRIMARY_503 -> {
          label = "primary S3 503 for 10 s";
          fronts.get("primary").mode(TcpFront.Mode.SLOW_DOWN);
          pause(Duration.ofSeconds(10));
          fronts.get("primary").mode(TcpFront.Mode.UP);
        }
        case SPOOL_FULL -> {
          label = "spool file system full 20 s";
          spool.fill();
          pause(Duration.ofSeconds(20));
          spool.free();
        }
        case POISON -> {
          label = "poison on every topic";
          sendPoison();
        }
      }
      phase = label + " (then the canary)";
      long removed = System.nanoTime();
      ModuleRef canary = nextCanary();
      OptionalDouble recovery = canary(canary, removed);
      if (recovery.isPresent()) {
        faults.recovered(label, recovery.getAsDouble());
        say(label + ": recovered in " + FaultLog.seconds(recovery.getAsDouble()) + " s");
      } else {
        faults.late(label, canary, removed);
        say(label + ": canary " + canary + " not complete within " + RECOVERY_BOUND + "; late");
      }
      pause(Duration.ofSeconds(3 + random.nextInt(5)));
    }
  }

  private void sampleUntil(Instant end, LoadFeeder load) throws InterruptedException {
    Set<String> regions = Set.copyOf(REGIONS);
    while (true) {
      sampler.sample(services);
      long open = load.requested().stream().filter(r -> !outcomes.ended(r, regions)).count();
      sampler.backlog(open);
      say("soak: " + open + " requests not ended yet");
      if (!Instant.now().isBefore(end)) {
        return;
      }
      pause(Duration.ofSeconds(10));
    }
  }

  private void killAndRestart(String name) throws InterruptedException {
    ChildService service = services.get(name);
    noticeExits();
    service.kill();
    pause(Duration.ofMillis(1000 + random.nextInt(4000)));
    service.start();
  }

  /**
   * One poison record on every topic: the topics groups consume, each under a key of its own; then,
   * with ingest down, the webhook deliveries and the index checkpoints under the feed's own key (so
   * that it is the newest checkpoint when ingest starts again and reads it back: while ingest runs,
   * the follower's next checkpoint would supersede it within a second, unread).
   */
  private void sendPoison() throws InterruptedException {
    try (KafkaProducer<byte[], byte[]> producer = poisonProducer()) {
      sendConsumedPoison(producer);
      ChildService ingest = services.get("ingest");
      noticeExits();
      ingest.kill();
      send(
          producer,
          Topics.WEBHOOK_DELIVERIES,
          poisonKey(Topics.WEBHOOK_DELIVERIES),
          Set.of(),
          Poison.Handling.KEY_ONLY);
      send(producer, Topics.INDEX_CHECKPOINTS, FEED, Set.of(), Poison.Handling.SUPERSEDED);
      ingest.start();
    }
  }

  private KafkaProducer<byte[], byte[]> poisonProducer() {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    return new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
  }

  private String poisonKey(String topic) {
    return "chaos-poison-" + poison.size() + "@" + topic;
  }

  /** Sends one poison record and remembers it, or says why it could not. */
  private void send(
      KafkaProducer<byte[], byte[]> producer,
      String topic,
      String key,
      Set<String> groups,
      Poison.Handling handling) {
    byte[] value =
        ("{\"schema\":1,\"module\":\"../../etc/passwd\",\"version\":" + poison.size())
            .getBytes(StandardCharsets.UTF_8);
    try {
      long offset =
          producer
              .send(new ProducerRecord<>(topic, key.getBytes(StandardCharsets.UTF_8), value))
              .get(1, TimeUnit.MINUTES)
              .offset();
      poison.add(new Poison(key, topic, groups, handling, offset));
    } catch (Exception e) {
      say("poison on " + topic + " not sent: " + e);
    }
  }

  /** One poison record on every topic a group consumes, each under a key of its own. */
  private void sendConsumedPoison(KafkaProducer<byte[], byte[]> producer) {
    Map<String, Set<String>> readers = new LinkedHashMap<>();
    Topics.warmLanes().forEach(t -> readers.put(t.name(), Set.of(WARMER_GROUP)));
    // The ingest service's Kafka Streams (dedupe: requests and outcomes; demand count) dead-letter
    // under their application id.
    readers.put(
        Topics.WARMED.name(),
        Set.of(
            "modmirror-replicator-" + REGIONS.get(0),
            "modmirror-replicator-" + REGIONS.get(1),
            INGEST_GROUP));
    readers.put(Topics.REQUESTS.name(), Set.of(INGEST_GROUP));
    readers.put(Topics.FAILED.name(), Set.of(INGEST_GROUP));
    readers.put(Topics.DEMAND.name(), Set.of(INGEST_GROUP));
    // The ingest replicas' branch-fetch queue, read by a group of its own.
    readers.put(Topics.BRANCH_FETCHES, Set.of(INGEST_GROUP + "-branch-fetches"));
    readers.forEach(
        (topic, groups) ->
            send(producer, topic, poisonKey(topic), groups, Poison.Handling.DEAD_LETTERED));
  }

  /** A canary never requested before: the catalog has more than a run's faults. */
  private ModuleRef nextCanary() {
    List<ChaosCatalog.Version> canaries = catalog.canaries();
    int n = canariesUsed.getAndIncrement();
    if (n >= canaries.size()) {
      throw new IllegalStateException(
          "more faults than the catalog's " + canaries.size() + " canaries");
    }
    return canaries.get(n).ref();
  }

  private OptionalDouble canary() throws InterruptedException {
    return canary(nextCanary(), System.nanoTime());
  }

  /**
   * Requests {@code ref} through the webhook and returns the seconds from {@code start} until it
   * was warmed and copied to every region, or empty when that did not happen within the bound.
   */
  private OptionalDouble canary(ModuleRef ref, long start) throws InterruptedException {
    long deadline = start + RECOVERY_BOUND.toNanos();
    while (!webhooks.push(ref)) {
      if (System.nanoTime() > deadline) {
        say("canary " + ref + ": the webhook was refused for " + RECOVERY_BOUND);
        return OptionalDouble.empty();
      }
      Thread.sleep(500);
    }
    canariesRequested.add(ref);
    while (!copiedEverywhere(ref)) {
      if (System.nanoTime() > deadline) {
        return OptionalDouble.empty();
      }
      outcomes.awaitChange(500);
    }
    return OptionalDouble.of((System.nanoTime() - start) / 1e9);
  }

  private boolean copiedEverywhere(ModuleRef ref) {
    for (String region : REGIONS) {
      if (!outcomes.region(ref, region).map(RegionReplicated::ok).orElse(false)) {
        return false;
      }
    }
    return true;
  }

  private void restartDeadServices() {
    noticeExits();
    phase = "the settle";
    for (ChildService s : services.values()) {
      if (!s.alive()) {
        say(s.name() + " had exited (" + s.exitCode() + "): started again");
        s.start();
      }
    }
  }

  private void awaitDrained(LoadFeeder load) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
    while (!load.drained() && System.nanoTime() < deadline) {
      Thread.sleep(500);
    }
  }

  private boolean awaitSettled(Set<ModuleRef> requested) throws InterruptedException {
    long from = System.nanoTime();
    long deadline = from + settings.settle().toNanos();
    Set<String> regions = Set.copyOf(REGIONS);
    long lastSay = 0;
    while (true) {
      long open = requested.stream().filter(r -> !outcomes.ended(r, regions)).count();
      if (openAtStop < 0) {
        openAtStop = open;
      }
      if (open == 0) {
        settleSeconds = (System.nanoTime() - from) / 1e9;
        say("every one of " + requested.size() + " requests ended");
        return true;
      }
      if (System.nanoTime() > deadline) {
        say(open + " requests had not ended when the settle time ran out");
        return false;
      }
      if (System.nanoTime() - lastSay > 10_000_000_000L) {
        say("settling: " + open + " of " + requested.size() + " requests not ended yet");
        lastSay = System.nanoTime();
      }
      outcomes.awaitChange(1000);
    }
  }

  /** Anti-entropy, as an operator runs it: {@code modmirror reconcile} over every region. */
  private void reconcile() throws InterruptedException {
    try {
      Class.forName("dev.modmirror.deploy.service.ReconcileCommand");
    } catch (ClassNotFoundException e) {
      reconcileNote = "not in this build";
      say("reconcile: not in this build; regions are checked as the replicators left them");
      return;
    }
    ChildService once =
        new ChildService("reconcile", env, settings.dir().resolve("logs"), "reconcile");
    once.start();
    int exit = once.awaitExit(600);
    reconciled = exit == 0;
    reconcileNote = "exit " + exit;
    say("reconcile: exit " + exit + " (output in " + once.log() + ")");
  }

  private Map<String, Long> awaitNoLag() throws Exception {
    List<String> groups = List.of(WARMER_GROUP, "modmirror-replicator-", INGEST_GROUP);
    long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
    while (true) {
      Map<String, Long> lag = ConsumerLag.of(kafka.bootstrapServers(), groups);
      long behind = lag.values().stream().mapToLong(Long::longValue).sum();
      if (behind == 0 || System.nanoTime() > deadline) {
        say("consumer lag " + lag);
        return lag;
      }
      Thread.sleep(5_000);
    }
  }

  boolean reconciled() {
    return reconciled;
  }

  private void say(String line) {
    log.println("chaos: " + line);
    log.flush();
  }

  private static void pause(Duration d) throws InterruptedException {
    Thread.sleep(d.toMillis());
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  /** Stops the services (SIGTERM), then the servers, newest first. */
  @Override
  public void close() {
    // Exits from here on are asked for.
    watcher.shutdownNow();
    for (int i = closing.size() - 1; i >= 0; i--) {
      try {
        closing.get(i).close();
      } catch (Exception e) {
        log.println("chaos: stopping " + closing.get(i) + " failed: " + e);
      }
    }
  }
}
