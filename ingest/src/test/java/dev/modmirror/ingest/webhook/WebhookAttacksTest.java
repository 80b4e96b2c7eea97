package dev.modmirror.ingest.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modmirror.core.event.Topics;
import dev.modmirror.core.event.VersionRequested;
import dev.modmirror.core.webhook.Deliveries;
import dev.modmirror.core.webhook.Signatures;
import dev.modmirror.ingest.IngestGoMod;
import dev.modmirror.testkit.evidence.CapturedLogs;
import dev.modmirror.testkit.evidence.Counters;
import dev.modmirror.testkit.memory.InMemoryEventBus;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 13's attacks on the webhook receiver (docs/reliability.md, "Attacks"): a forged delivery, a
 * replayed one, and repository names that try to steer the raw-content fetch to another host or
 * path. Each is refused with its status and reason, counted in {@code
 * modmirror.ingest.webhook.rejected} under that reason, and logged, while neither the secret, a
 * signature nor a bearer token reaches a log line or a metric.
 */
class WebhookAttacksTest {
  private static final String SECRET = "whsec-attack-7f3a9c";
  private static final String GENERIC_TOKEN = "generic-token-b81e44";
  private static final String RAW_HOST = "raw.example.com";
  private static final String REJECTED = "modmirror.ingest.webhook.rejected";

  private final InMemoryMetricReader metrics = InMemoryMetricReader.create();
  private final OpenTelemetrySdk otel =
      OpenTelemetrySdk.builder()
          .setMeterProvider(SdkMeterProvider.builder().registerMetricReader(metrics).build())
          .build();
  private final InMemoryEventBus bus = InMemoryEventBus.create();
  private final BlockingQueue<VersionRequested> published = new LinkedBlockingQueue<>();
  private final Set<String> remembered = ConcurrentHashMap.newKeySet();
  private final List<URI> fetched = new CopyOnWriteArrayList<>();
  private CapturedLogs logs;
  private BranchPrefetch branches;
  private ReceiveWebhook webhook;

  @BeforeEach
  void setUp() {
    logs = CapturedLogs.start();
    bus.subscribe(Topics.REQUESTS, "test", published::add);
    WebhookSettings settings =
        new WebhookSettings(
                Optional.of(SECRET),
                Optional.empty(),
                Optional.of(GENERIC_TOKEN),
                WebhookSettings.DEFAULT_MAX_BODY,
                10,
                10,
                Optional.empty(),
                java.time.Duration.ofSeconds(5))
            .withRawContent("https://" + RAW_HOST + "/{repo}/{commit}/{path}");
    branches =
        new BranchPrefetch(
            settings.rawContent().orElseThrow(),
            url -> {
              fetched.add(url);
              return Optional.empty();
            },
            new IngestGoMod(bus, otel, Clock.systemUTC()),
            10);
    Deliveries deliveries =
        new Deliveries() {
          @Override
          public boolean seen(String key) {
            return remembered.contains(key);
          }

          @Override
          public void remember(String key) {
            remembered.add(key);
          }
        };
    webhook =
        new ReceiveWebhook(
            settings, bus, deliveries, Optional.of(branches), otel, Clock.systemUTC());
  }

  @AfterEach
  void tearDown() {
    logs.close();
    branches.close();
    bus.close();
    otel.close();
  }

  @Test
  void aForgedDeliveryIs401CountedAndLoggedWithoutTheSecretOrASignature() throws Exception {
    byte[] body = tagPush("org/repo").getBytes(StandardCharsets.UTF_8);
    String guessed = Signatures.githubHeader("a-guessed-secret", body);
    String genuine = Signatures.githubHeader(SECRET, body);

    assertThat(github("d-1", body, Optional.of(guessed)).status()).isEqualTo(401);
    assertThat(github("d-2", body, Optional.empty()).reason()).isEqualTo("bad-signature");
    ReceiveWebhook.Outcome wrongToken = generic("d-3", body, "Bearer not-" + GENERIC_TOKEN);
    assertThat(wrongToken.status()).isEqualTo(401);
    assertThat(wrongToken.reason()).isEqualTo("bad-signature");

    assertThat(published.poll(200, TimeUnit.MILLISECONDS)).isNull();
    assertThat(remembered).as("a forged delivery id is not remembered").isEmpty();
    assertThat(rejected("github", "bad-signature")).isEqualTo(2);
    assertThat(rejected("generic", "bad-signature")).isEqualTo(1);
    logs.assertRefusalLoggedWithout(
        List.of("webhook github: 401 (bad-signature)"),
        List.of(SECRET, GENERIC_TOKEN, genuine.substring(7), guessed.substring(7)));
    assertThat(Counters.exported(metrics.collectAllMetrics()))
        .doesNotContain(SECRET)
        .doesNotContain(GENERIC_TOKEN);
  }

  @Test
  void aReplayedDeliveryIsAcceptedOnceThenRefusedCountedAndLogged() throws Exception {
    byte[] body = tagPush("org/repo").getBytes(StandardCharsets.UTF_8);
    String signature = Signatures.githubHeader(SECRET, body);

    assertThat(github("d-10", body, Optional.of(signature)).reason()).isEqualTo("accepted");
    assertThat(published.poll(5, TimeUnit.SECONDS)).isNotNull();
    for (int i = 0; i < 3; i++) {
      ReceiveWebhook.Outcome replay = github("d-10", body, Optional.of(signature));
      // 202, not 4xx: the sender must not retry a delivery that was handled.
      assertThat(replay.status()).isEqualTo(202);
      assertThat(replay.reason()).isEqualTo("duplicate");
    }

    assertThat(published.poll(200, TimeUnit.MILLISECONDS)).as("published once").isNull();
    assertThat(rejected("github", "duplicate")).isEqualTo(3);
    logs.assertRefusalLoggedWithout(
        List.of("webhook github: 202 (duplicate)"), List.of(SECRET, signature.substring(7)));
  }

  @Test
  void aRepositoryNameAimedAtAnotherHostOrPathIsRefusedAndNothingIsFetched() throws Exception {
    List<String> hostile =
        List.of(
            "@evil.example/x",
            "org/repo@evil.example",
            "evil.example:443/x",
            "//evil.example/x",
            "org/../../x",
            "org/repo/../../other",
            "org%2f..%2f../x",
            "org/repo?host=evil.example",
            "org/repo#x",
            "org\\repo",
            "https://evil.example/x");
    int id = 100;
    for (String name : hostile) {
      byte[] body = branchPush(name).getBytes(StandardCharsets.UTF_8);
      ReceiveWebhook.Outcome outcome =
          github("d-" + id++, body, Optional.of(Signatures.githubHeader(SECRET, body)));
      assertThat(outcome.status()).as(name).isEqualTo(400);
      assertThat(outcome.reason()).as(name).isEqualTo("malformed");
    }

    // An honest branch push in the same run: the fetch happens, on the configured host only.
    byte[] honest = branchPush("org/repo").getBytes(StandardCharsets.UTF_8);
    assertThat(
            github("d-999", honest, Optional.of(Signatures.githubHeader(SECRET, honest))).status())
        .isEqualTo(202);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (fetched.isEmpty() && System.nanoTime() < deadline) {
      TimeUnit.MILLISECONDS.sleep(20);
    }
    assertThat(fetched).isNotEmpty();
    assertThat(fetched).extracting(URI::getHost).containsOnly(RAW_HOST);
    assertThat(fetched).extracting(URI::getUserInfo).containsOnlyNulls();
    assertThat(fetched)
        .extracting(URI::getRawPath)
        .allMatch(p -> p.startsWith("/org/repo/0123456789abcdef0123456789abcdef01234567/"));
    assertThat(rejected("github", "malformed")).isEqualTo(hostile.size());
    logs.assertRefusalLoggedWithout(
        List.of("webhook github: 400 (malformed)"), List.of(SECRET, GENERIC_TOKEN));
  }

  private long rejected(String provider, String reason) {
    return Counters.sum(
        metrics.collectAllMetrics(),
        REJECTED,
        Map.of("modmirror.webhook.provider", provider, "modmirror.reason", reason));
  }

  private ReceiveWebhook.Outcome github(String delivery, byte[] body, Optional<String> signature) {
    Map<String, String> headers = new HashMap<>();
    headers.put("x-github-event", "push");
    headers.put("x-github-delivery", delivery);
    signature.ifPresent(s -> headers.put("x-hub-signature-256", s));
    return webhook.receive(
        Provider.GITHUB, name -> Optional.ofNullable(headers.get(name.toLowerCase())), body);
  }

  private ReceiveWebhook.Outcome generic(String delivery, byte[] body, String authorization) {
    Map<String, String> headers = Map.of("authorization", authorization, "x-delivery-id", delivery);
    return webhook.receive(
        Provider.GENERIC, name -> Optional.ofNullable(headers.get(name.toLowerCase())), body);
  }

  private static String tagPush(String fullName) {
    return push(fullName, "refs/tags/v1.2.3");
  }

  private static String branchPush(String fullName) {
    return push(fullName, "refs/heads/main");
  }

  private static String push(String fullName, String ref) {
    return "{\"ref\":\""
        + ref
        + "\",\"after\":\"0123456789abcdef0123456789abcdef01234567\","
        + "\"deleted\":false,\"repository\":{\"full_name\":\""
        + fullName.replace("\\", "\\\\")
        + "\",\"html_url\":\"https://github.com/org/repo\"},"
        + "\"commits\":[{\"added\":[\"go.mod\"],\"modified\":[]}]}";
  }
}
