package dev.modmirror.deploy.wiring;

import dev.modmirror.adapters.http.HttpSecurity;
import dev.modmirror.adapters.kafka.KafkaBusConfig;
import dev.modmirror.adapters.s3.S3Config;
import dev.modmirror.adapters.telemetry.TelemetryConfig;
import dev.modmirror.adapters.upstream.PoolSettings;
import dev.modmirror.adapters.upstream.PoolSettingsReader;
import dev.modmirror.adapters.upstream.UpstreamConfig;
import dev.modmirror.core.config.Settings;
import dev.modmirror.core.error.InvalidInputException;
import dev.modmirror.core.store.AthensLayout;
import dev.modmirror.core.upstream.GoEnv;
import dev.modmirror.ingest.IngestConfig;
import dev.modmirror.replicator.ReplicatorConfig;
import dev.modmirror.warmer.WarmerConfig;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Everything a modmirror process needs to know, from which {@link Adapters} builds the real parts.
 * Production commands read it once from the environment ({@link #from}); dev mode and the
 * end-to-end tests build one for their own servers. Every setting, its default and its variable are
 * listed in docs/configuration.md.
 *
 * @param goEnv the go command's settings; its GOPROXY is {@code MODMIRROR_UPSTREAM} when set
 * @param regions region name to bucket, in the order of {@code MODMIRROR_REGIONS}
 * @param ingest the ingest service's settings; read (and validated) only for {@code
 *     modmirror-ingest}, null for the other services
 * @param upstreams the upstream pool ({@code MODMIRROR_UPSTREAMS}) or, when it names none, the
 *     health, probe and GOAUTH settings of the GOPROXY form
 * @param security access control and TLS of every HTTP surface of the process
 */
public record Deployment(
    KafkaBusConfig kafka,
    S3Config primary,
    Map<String, S3Config> regions,
    GoEnv goEnv,
    UpstreamConfig upstream,
    TelemetryConfig telemetry,
    WarmerConfig warmer,
    ReplicatorConfig replicator,
    IngestConfig ingest,
    ServeSettings serve,
    PoolSettings upstreams,
    HttpSecurity security) {

  public Deployment {
    serve = serve == null ? ServeSettings.defaults() : serve;
    upstreams = upstreams == null ? PoolSettings.defaults() : upstreams;
    security = security == null ? HttpSecurity.none() : security;
  }

  /** A deployment with default serve settings, in the GOPROXY form with default upstream health. */
  public Deployment(
      KafkaBusConfig kafka,
      S3Config primary,
      Map<String, S3Config> regions,
      GoEnv goEnv,
      UpstreamConfig upstream,
      TelemetryConfig telemetry,
      WarmerConfig warmer,
      ReplicatorConfig replicator,
      IngestConfig ingest) {
    this(
        kafka,
        primary,
        regions,
        goEnv,
        upstream,
        telemetry,
        warmer,
        replicator,
        ingest,
        null,
        null,
        null);
  }

  /** The same deployment with these upstream settings (dev mode, benches, tests). */
  public Deployment withUpstreams(PoolSettings pool) {
    return new Deployment(
        kafka,
        primary,
        regions,
        goEnv,
        upstream,
        telemetry,
        warmer,
        replicator,
        ingest,
        serve,
        pool,
        security);
  }

  /** The same deployment with these HTTP access and TLS settings (tests). */
  public Deployment withSecurity(HttpSecurity http) {
    return new Deployment(
        kafka,
        primary,
        regions,
        goEnv,
        upstream,
        telemetry,
        warmer,
        replicator,
        ingest,
        serve,
        upstreams,
        http);
  }

  /** A deployment without ingest settings: every service but {@code modmirror ingest}. */
  public Deployment(
      KafkaBusConfig kafka,
      S3Config primary,
      Map<String, S3Config> regions,
      GoEnv goEnv,
      UpstreamConfig upstream,
      TelemetryConfig telemetry,
      WarmerConfig warmer,
      ReplicatorConfig replicator) {
    this(kafka, primary, regions, goEnv, upstream, telemetry, warmer, replicator, null);
  }

  /** The service name whose settings include {@link IngestConfig}. */
  public static final String INGEST = "modmirror-ingest";

  /** The same deployment with other serve settings. */
  public Deployment withServe(ServeSettings serve) {
    return new Deployment(
        kafka,
        primary,
        regions,
        goEnv,
        upstream,
        telemetry,
        warmer,
        replicator,
        ingest,
        serve,
        upstreams,
        security);
  }

  private static final List<String> GO_VARIABLES =
      List.of("GOPROXY", "GOSUMDB", "GONOSUMDB", "GOPRIVATE", "GONOPROXY", "GOINSECURE");

  /**
   * Reads and validates every setting.
   *
   * @throws dev.modmirror.core.config.ConfigException listing every problem found
   */
  public static Deployment from(Map<String, String> env, String serviceName) {
    return from(Settings.fromEnvironment(env), env, serviceName);
  }

  /**
   * As {@link #from(Map, String)}, reading through {@code s} (built from {@code env}), which then
   * knows every name this reader asks for ({@link Settings#names()}).
   *
   * @throws dev.modmirror.core.config.ConfigException listing every problem found
   */
  public static Deployment from(Settings s, Map<String, String> env, String serviceName) {
    GoEnv goEnv = goEnv(s, env);
    KafkaBusConfig kafka = kafka(s, serviceName);
    boolean unsafeCas = s.bool("MODMIRROR_S3_ALLOW_UNSAFE_CAS", false);
    List<AthensLayout> athens =
        attempt(
            s, () -> AthensLayout.parse(s.string("MODMIRROR_ATHENS_LAYOUT", "none")), List.of());
    S3Config primary = bucket(s, "MODMIRROR_S3_", unsafeCas, athens);
    Map<String, S3Config> regions = new LinkedHashMap<>();
    for (String region : s.list("MODMIRROR_REGIONS", List.of())) {
      if (!region.matches("[a-z0-9][a-z0-9-]{0,30}")) {
        s.problem("MODMIRROR_REGIONS: region name '" + region + "' must be [a-z0-9-], 1-31 chars");
        continue;
      }
      regions.put(
          region, bucket(s, "MODMIRROR_REGION_" + envName(region) + "_", unsafeCas, athens));
    }
    // OTEL_* variables are read by the SDK's autoconfigure module, not here (TelemetrySetup).
    TelemetryConfig telemetry = TelemetryConfig.service(serviceName);
    WarmerConfig warmer = attempt(s, () -> WarmerConfig.from(s), null);
    UpstreamConfig upstream =
        attempt(
            s,
            () ->
                upstreamConfig(
                    s, warmer == null ? WarmerConfig.MAX_ZIP_BYTES : warmer.maxZipBytes()),
            null);
    ReplicatorConfig replicator = attempt(s, () -> ReplicatorConfig.from(s), null);
    IngestConfig ingest =
        serviceName.equals(INGEST) ? attempt(s, () -> IngestConfig.from(s), null) : null;
    ServeSettings serve = attempt(s, () -> ServeSettings.from(s), null);
    PoolSettings pool = PoolSettingsReader.read(s, goEnv);
    HttpSecurity security = HttpSecurity.from(s);
    s.validate();
    return new Deployment(
        kafka,
        primary,
        regions,
        goEnv,
        upstream,
        telemetry,
        warmer,
        replicator,
        ingest,
        serve,
        pool,
        security);
  }

  /**
   * The variables that {@link #from} reads back as this broker and these buckets: what {@code
   * modmirror sandbox} writes for the processes it serves. In variable order; contains secrets.
   */
  public static Map<String, String> variables(
      String kafkaBootstrap, S3Config primary, Map<String, S3Config> regions) {
    Map<String, String> vars = new LinkedHashMap<>();
    vars.put("MODMIRROR_KAFKA_BOOTSTRAP", kafkaBootstrap);
    bucketVariables(vars, "MODMIRROR_S3_", primary);
    vars.put("MODMIRROR_REGIONS", String.join(",", regions.keySet()));
    regions.forEach(
        (name, config) -> bucketVariables(vars, "MODMIRROR_REGION_" + envName(name) + "_", config));
    return vars;
  }

  private static void bucketVariables(Map<String, String> vars, String prefix, S3Config c) {
    vars.put(prefix + "ENDPOINT", c.endpoint().toString());
    vars.put(prefix + "ACCESS_KEY", c.accessKey());
    vars.put(prefix + "SECRET_KEY", c.secretKey());
    vars.put(prefix + "BUCKET", c.bucket());
    vars.put(prefix + "REGION", c.region());
  }

  /**
   * Only the Kafka settings ({@code MODMIRROR_KAFKA_*}), for commands that contact nothing else
   * ({@code modmirror topics}).
   *
   * @throws dev.modmirror.core.config.ConfigException listing every problem found in them
   */
  public static KafkaBusConfig kafkaFrom(Map<String, String> env, String serviceName) {
    Settings s = Settings.fromEnvironment(env);
    KafkaBusConfig kafka = kafka(s, serviceName);
    s.validate();
    return kafka;
  }

  private static KafkaBusConfig kafka(Settings s, String serviceName) {
    String bootstrap = s.required("MODMIRROR_KAFKA_BOOTSTRAP");
    // A missing variable is reported once, not again by the config it would have built.
    return bootstrap.isEmpty()
        ? null
        : attempt(
            s,
            () ->
                new KafkaBusConfig(
                    bootstrap,
                    s.string("MODMIRROR_KAFKA_CLIENT_ID", serviceName),
                    s.integer(
                        "MODMIRROR_KAFKA_PARTITIONS", KafkaBusConfig.DEFAULT_PARTITIONS, 1, 10_000),
                    (short) s.integer("MODMIRROR_KAFKA_REPLICATION", 1, 1, 32),
                    s.duration("MODMIRROR_KAFKA_PUBLISH_TIMEOUT", Duration.ofSeconds(30)),
                    s.duration(
                        "MODMIRROR_KAFKA_CONNECT_TIMEOUT", KafkaBusConfig.DEFAULT_CONNECT_TIMEOUT)),
            null);
  }

  /**
   * Only what fetching from the upstreams needs, for commands that contact nothing else ({@code
   * modmirror upstreams}): the go environment, client settings and pool settings (probes off).
   *
   * @throws dev.modmirror.core.config.ConfigException listing every problem found in them
   */
  public static Upstreams upstreamsFrom(Map<String, String> env) {
    Settings s = Settings.fromEnvironment(env);
    GoEnv goEnv = goEnv(s, env);
    UpstreamConfig client = attempt(s, () -> upstreamConfig(s, WarmerConfig.MAX_ZIP_BYTES), null);
    PoolSettings pool = PoolSettingsReader.read(s, goEnv).withProbes(false);
    s.validate();
    return new Upstreams(goEnv, client, pool);
  }

  /** The upstream side of a deployment; see {@link #upstreamsFrom}. */
  public record Upstreams(GoEnv goEnv, UpstreamConfig client, PoolSettings pool) {}

  private static GoEnv goEnv(Settings s, Map<String, String> env) {
    Map<String, String> goVars = new LinkedHashMap<>(env);
    // The go command's variables are the defaults; MODMIRROR_<VAR> overrides each for modmirror
    // alone (and MODMIRROR_UPSTREAM, the older name, overrides GOPROXY).
    for (String var : GO_VARIABLES) {
      s.raw("MODMIRROR_" + var).ifPresent(value -> goVars.put(var, value));
    }
    s.raw("MODMIRROR_UPSTREAM").ifPresent(upstream -> goVars.put("GOPROXY", upstream));
    return attempt(s, () -> GoEnv.from(goVars), GoEnv.defaults());
  }

  private static UpstreamConfig upstreamConfig(Settings s, long maxZipBytes) {
    return UpstreamConfig.defaults()
        .withTimeouts(
            s.duration("MODMIRROR_UPSTREAM_CONNECT_TIMEOUT", Duration.ofSeconds(10)),
            s.duration("MODMIRROR_UPSTREAM_REQUEST_TIMEOUT", Duration.ofSeconds(60)))
        .withCaps(maxZipBytes, WarmerConfig.MAX_MOD_BYTES)
        .withDownloadDeadline(
            s.duration(
                "MODMIRROR_UPSTREAM_DOWNLOAD_DEADLINE", UpstreamConfig.DEFAULT_DOWNLOAD_DEADLINE))
        .withHostLimits(
            s.integer(
                "MODMIRROR_UPSTREAM_CONNECTIONS_PER_HOST",
                UpstreamConfig.DEFAULT_CONNECTIONS_PER_HOST,
                1,
                10_000),
            s.integer("MODMIRROR_UPSTREAM_REQUESTS_PER_SECOND", 0, 0, 1_000_000))
        .withRedirectHosts(Set.copyOf(s.list("MODMIRROR_UPSTREAM_REDIRECT_HOSTS", List.of())));
  }

  /** {@code eu-west} becomes {@code EU_WEST}, as it appears in variable names. */
  static String envName(String region) {
    return region.toUpperCase(Locale.ROOT).replace('-', '_');
  }

  private static S3Config bucket(
      Settings s, String prefix, boolean unsafeCas, List<AthensLayout> athens) {
    String endpoint = s.required(prefix + "ENDPOINT");
    String accessKey = s.required(prefix + "ACCESS_KEY");
    String secretKey = s.required(prefix + "SECRET_KEY");
    if (endpoint.isEmpty() || accessKey.isEmpty() || secretKey.isEmpty()) {
      return null; // already reported once per missing variable
    }
    return attempt(
        s,
        () ->
            new S3Config(
                    URI.create(endpoint),
                    accessKey,
                    secretKey,
                    s.string(prefix + "BUCKET", "modmirror"),
                    s.string(prefix + "REGION", "us-east-1"))
                .withUnsafeCas(unsafeCas)
                .withAthensLayouts(athens)
                .withTimeout(s.duration(prefix + "TIMEOUT", S3Config.DEFAULT_TIMEOUT)),
        null);
  }

  /** Runs a constructor that validates; its complaint becomes one more recorded problem. */
  private static <T> T attempt(Settings s, Supplier<T> build, T fallback) {
    try {
      return build.get();
    } catch (InvalidInputException | IllegalArgumentException e) {
      s.problem(e.getMessage());
      return fallback;
    }
  }
}
