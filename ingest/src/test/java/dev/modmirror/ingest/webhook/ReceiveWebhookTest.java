package dev.modmirror.ingest.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modmirror.core.event.RequestSource;
import dev.modmirror.core.event.Topics;
import dev.modmirror.core.event.VersionRequested;
import dev.modmirror.core.module.ModuleRef;
import dev.modmirror.core.webhook.Deliveries;
import dev.modmirror.core.webhook.RawContentUrls;
import dev.modmirror.core.webhook.Signatures;
import dev.modmirror.ingest.IngestGoMod;
import dev.modmirror.testkit.memory.InMemoryEventBus;
import io.opentelemetry.api.OpenTelemetry;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ReceiveWebhookTest {
  private static final String SECRET = "s3cr3t-webhook-key";
  private final InMemoryEventBus bus = InMemoryEventBus.create();
  private final BlockingQueue<VersionRequested> published = new LinkedBlockingQueue<>();
  private final Set<String> remembered = ConcurrentHashMap.newKeySet();
  private final List<URI> fetched = new ArrayList<>();
  private final Deliveries deliveries =
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
  private BranchPrefetch branches;
  private ReceiveWebhook webhook;

  @BeforeEach
  void setUp() {
    bus.subscribe(Topics.REQUESTS, "test", published::add);
    WebhookSettings settings =
        WebhookSettings.github(SECRET)
            .withRawContent("https://raw.example.com/{repo}/{commit}/{path}");
    branches =
        new BranchPrefetch(
            settings.rawContent().orElseThrow(),
            url -> {
              synchronized (fetched) {
                fetched.add(url);
              }
              return url.getPath().endsWith("/go.mod") && !url.getPath().contains("/sub/")
                  ? Optional.of("module github.com/org/repo\n\nrequire golang.org/x/text v0.3.7\n")
                  : Optional.empty();
            },
            new IngestGoMod(bus, OpenTelemetry.noop(), Clock.systemUTC()),
            10);
    webhook =
        new ReceiveWebhook(
            settings,
            bus,
            deliveries,
            Optional.of(branches),
            OpenTelemetry.noop(),
            Clock.systemUTC());
  }

  @AfterEach
  void tearDown() {
    branches.close();
    bus.close();
  }

  private static String push(String ref) {
    return "{\"ref\":\""
        + ref
        + "\",\"after\":\"0123456789abcdef0123456789abcdef01234567\","
        + "\"deleted\":false,\"repository\":{\"full_name\":\"org/repo\","
        + "\"html_url\":\"https://github.com/org/repo\"},"
        + "\"commits\":[{\"added\":[\"sub/go.mod\"],\"modified\":[\"README.md\"]}]}";
  }

  private ReceiveWebhook.Outcome send(String event, String delivery, String body, boolean sign) {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    Map<String, String> headers = new HashMap<>();
    headers.put("x-github-event", event);
    headers.put("x-github-delivery", delivery);
    if (sign) {
      headers.put("x-hub-signature-256", Signatures.githubHeader(SECRET, bytes));
    }
    return webhook.receive(
        Provider.GITHUB, name -> Optional.ofNullable(headers.get(name.toLowerCase())), bytes);
  }

  private VersionRequested next() throws InterruptedException {
    return published.poll(5, TimeUnit.SECONDS);
  }

  @Test
  void aSignedTagPushRequestsThatVersionOnceAndARedeliveryNothing() throws Exception {
    assertThat(send("push", "d-1", push("refs/tags/v1.2.3"), true).status()).isEqualTo(202);
    VersionRequested request = next();
    assertThat(request.ref()).isEqualTo(ModuleRef.of("github.com/org/repo", "v1.2.3"));
    assertThat(request.source()).isEqualTo(RequestSource.WEBHOOK);
    assertThat(request.origin()).isEqualTo("github:d-1");

    ReceiveWebhook.Outcome again = send("push", "d-1", push("refs/tags/v1.2.3"), true);
    assertThat(again.status()).isEqualTo(202);
    assertThat(again.reason()).isEqualTo("duplicate");
    assertThat(published.poll(300, TimeUnit.MILLISECONDS)).isNull();
  }

  @Test
  void anUnsignedOrWronglySignedPushIs401AndPublishesNothing() throws Exception {
    assertThat(send("push", "d-2", push("refs/tags/v1.2.3"), false).status()).isEqualTo(401);
    byte[] body = push("refs/tags/v1.2.3").getBytes(StandardCharsets.UTF_8);
    ReceiveWebhook.Outcome forged =
        webhook.receive(
            Provider.GITHUB,
            name ->
                Optional.of(
                    switch (name) {
                      case "X-Hub-Signature-256" -> Signatures.githubHeader("guess", body);
                      case "X-GitHub-Event" -> "push";
                      default -> "d-3";
                    }),
            body);
    assertThat(forged.status()).isEqualTo(401);
    assertThat(forged.message()).doesNotContain(SECRET);
    assertThat(published.poll(300, TimeUnit.MILLISECONDS)).isNull();
    assertThat(remembered).isEmpty();
  }

  @Test
  void logsNeitherTheSecretNorASignature() throws Exception {
    ch.qos.logback.classic.Logger root =
        (ch.qos.logback.classic.Logger)
            org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> logs =
        new ch.qos.logback.core.read.ListAppender<>();
    logs.start();
    root.addAppender(logs);
    try {
      String body = push("refs/tags/v9.9.9");
      send("push", "d-20", body, true);
      send("push", "d-21", body, false);
      send("push", "d-22", "{not json", true);
      next();
    } finally {
      root.detachAppender(logs);
    }
    String signature =
        Signatures.githubHeader(SECRET, push("refs/tags/v9.9.9").getBytes(StandardCharsets.UTF_8));
    assertThat(logs.list).isNotEmpty();
    assertThat(logs.list)
        .extracting(ch.qos.logback.classic.spi.ILoggingEvent::getFormattedMessage)
        .noneMatch(m -> m.contains(SECRET) || m.contains(signature.substring(7)));
  }

  @Test
  void readsNestedAndMajorVersionTags() throws Exception {
    send("push", "d-4", push("refs/tags/sub/dir/v1.0.0"), true);
    assertThat(next().ref()).isEqualTo(ModuleRef.of("github.com/org/repo/sub/dir", "v1.0.0"));
    send("push", "d-5", push("refs/tags/v2.1.0"), true);
    assertThat(next().ref()).isEqualTo(ModuleRef.of("github.com/org/repo/v2", "v2.1.0"));
  }

  @Test
  void answersPingIgnoresOtherEventsAndRefusesHostileInput() throws Exception {
    assertThat(send("ping", "d-6", "{\"zen\":\"x\"}", true).status()).isEqualTo(200);
    assertThat(send("issues", "d-7", "{}", true).reason()).isEqualTo("ignored");
    assertThat(send("push", "d-8", "not json at all", true).status()).isEqualTo(400);
    assertThat(send("push", "d-9", "[1,2]", true).status()).isEqualTo(400);
    ReceiveWebhook.Outcome traversal =
        send("push", "d-10", push("refs/tags/../../etc/v1.0.0"), true);
    assertThat(traversal.status()).isEqualTo(400);
    assertThat(traversal.message()).contains("malformed module path");
    assertThat(send("push", "d-11", push("refs/tags/release-candidate"), true).reason())
        .isEqualTo("ignored");
    assertThat(published.poll(300, TimeUnit.MILLISECONDS)).isNull();
  }

  @Test
  void aBranchPushReadsGoModFromTheConfiguredHostOnly() throws Exception {
    assertThat(send("push", "d-12", push("refs/heads/main"), true).status()).isEqualTo(202);
    assertThat(next().ref()).isEqualTo(ModuleRef.of("golang.org/x/text", "v0.3.7"));
    synchronized (fetched) {
      assertThat(fetched).extracting(URI::getHost).containsOnly("raw.example.com");
      assertThat(fetched)
          .extracting(URI::getPath)
          .contains("/org/repo/0123456789abcdef0123456789abcdef01234567/go.mod");
    }
    String evil =
        push("refs/heads/main")
            .replace("\"full_name\":\"org/repo\"", "\"full_name\":\"@evil.com/x\"");
    assertThat(send("push", "d-13", evil, true).status()).isEqualTo(400);
    String dots =
        push("refs/heads/main")
            .replace("\"full_name\":\"org/repo\"", "\"full_name\":\"org/../../x\"");
    assertThat(send("push", "d-14", dots, true).status()).isEqualTo(400);
  }

  @Test
  void rawContentUrlsNeverLeaveTheirHost() {
    RawContentUrls urls = new RawContentUrls("https://raw.example.com/{repo}/{commit}/{path}");
    assertThat(urls.file("org/repo", "abcdef0", "a/go.mod").getHost()).isEqualTo("raw.example.com");
    for (String[] bad :
        new String[][] {
          {"org/repo@evil.com", "abcdef0", "go.mod"},
          {"org/repo", "abcdef0/../../x", "go.mod"},
          {"org/repo", "abcdef0", "../go.mod"},
          {"org/repo", "abcdef0", "go.mod?x=1"},
          {"org", "abcdef0", "go.mod"},
          {"org/repo%2f..", "abcdef0", "go.mod"}
        }) {
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> urls.file(bad[0], bad[1], bad[2]))
          .isInstanceOf(dev.modmirror.core.error.InvalidInputException.class);
    }
  }
}
