package dev.modmirror.ingest.webhook;

import dev.modmirror.core.error.InvalidInputException;
import dev.modmirror.core.error.ModmirrorException;
import dev.modmirror.core.event.EventBus;
import dev.modmirror.core.event.RequestSource;
import dev.modmirror.core.event.Topics;
import dev.modmirror.core.event.VersionRequested;
import dev.modmirror.core.module.ModuleRef;
import dev.modmirror.core.telemetry.Spans;
import dev.modmirror.core.telemetry.Telemetry;
import dev.modmirror.core.webhook.Deliveries;
import dev.modmirror.core.webhook.RepositoryModule;
import dev.modmirror.core.webhook.Signatures;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Handles one webhook delivery, fast: authenticate (constant time), skip a delivery already
 * handled, read the push, then either publish the tagged module version (one Kafka publish) or
 * queue the branch's go.mod fetch ({@link BranchPrefetch}), and remember the delivery. Nothing is
 * published before authentication and reading succeeded. Never logs a secret, a signature or a
 * body.
 */
public final class ReceiveWebhook {
  private static final Logger LOG = LoggerFactory.getLogger(ReceiveWebhook.class);
  private static final AttributeKey<String> REASON = AttributeKey.stringKey("modmirror.reason");
  private static final AttributeKey<String> PROVIDER =
      AttributeKey.stringKey("modmirror.webhook.provider");

  /**
   * The answer to a delivery.
   *
   * @param status the HTTP status to send
   * @param reason a short word for metrics and logs: {@code accepted}, {@code ping}, {@code
   *     duplicate}, {@code ignored}, {@code bad-signature}, {@code malformed}, {@code busy}
   */
  public record Outcome(int status, String reason, String message) {}

  private final WebhookSettings settings;
  private final EventBus bus;
  private final Deliveries deliveries;
  private final Optional<BranchPrefetch> branches;
  private final Tracer tracer;
  private final LongCounter rejected;
  private final LongCounter published;
  private final Clock clock;

  public ReceiveWebhook(
      WebhookSettings settings,
      EventBus bus,
      Deliveries deliveries,
      Optional<BranchPrefetch> branches,
      OpenTelemetry telemetry,
      Clock clock) {
    this.settings = settings;
    this.bus = bus;
    this.deliveries = deliveries;
    this.branches = branches;
    this.clock = clock;
    this.tracer = telemetry.getTracer(Telemetry.SCOPE);
    var meter = telemetry.getMeter(Telemetry.SCOPE);
    this.rejected =
        meter
            .counterBuilder("modmirror.ingest.webhook.rejected")
            .setDescription("Webhook deliveries not acted on, by provider and reason")
            .build();
    this.published =
        meter
            .counterBuilder("modmirror.ingest.requests")
            .setDescription("Requests published, by source")
            .build();
  }

  /**
   * @param header a request header by (case-insensitive) name
   * @param body the raw body, already capped
   */
  public Outcome receive(
      Provider provider, Function<String, Optional<String>> header, byte[] body) {
    Optional<String> secret = settings.secret(provider);
    if (secret.isEmpty()) {
      return reject(provider, 404, "disabled", "no such webhook");
    }
    if (!authentic(provider, secret.get(), header, body)) {
      return reject(provider, 401, "bad-signature", "signature or token does not match");
    }
    String event = event(provider, header);
    if (event.equals("ping")) {
      return new Outcome(200, "ping", "pong");
    }
    if (!event.equals("push")) {
      return reject(provider, 202, "ignored", "event ignored: only pushes are read");
    }
    Optional<String> delivery = delivery(provider, header, body);
    String key = delivery.map(d -> provider.id() + ":" + d).orElse("");
    if (!key.isEmpty() && deliveries.seen(key)) {
      return reject(provider, 202, "duplicate", "delivery already handled");
    }
    Push push;
    try {
      push = Payloads.read(provider, body);
    } catch (InvalidInputException e) {
      return reject(provider, 400, "malformed", e.getMessage());
    }
    Outcome outcome;
    try {
      outcome = act(provider, push, key);
    } catch (InvalidInputException e) {
      return reject(provider, 400, "malformed", e.getMessage());
    }
    if (outcome.status() == 202 && !key.isEmpty()) {
      remember(key);
    }
    return outcome;
  }

  private Outcome act(Provider provider, Push push, String key) {
    if (push.deleted()) {
      return reject(provider, 202, "ignored", "deleted ref: nothing to warm");
    }
    if (push.isTag()) {
      Optional<ModuleRef> ref = RepositoryModule.forTag(push.repositoryUrl(), push.tag());
      if (ref.isEmpty()) {
        return reject(provider, 202, "ignored", "tag is not a module version");
      }
      publish(provider, ref.get(), key.isEmpty() ? provider.id() : key);
      LOG.info("webhook {}: tag push {} requested {}", provider.id(), push.repository(), ref.get());
      return new Outcome(202, "accepted", "requested " + ref.get());
    }
    if (push.isBranch() && branches.isPresent() && !push.after().isEmpty()) {
      if (!branches.get().submit(provider, push)) {
        return reject(provider, 503, "busy", "too many pushes waiting; retry later");
      }
      return new Outcome(202, "accepted", "reading go.mod at " + push.after());
    }
    return reject(provider, 202, "ignored", "not a tag push, and no raw-content URL for branches");
  }

  private void publish(Provider provider, ModuleRef ref, String origin) {
    Span span =
        Spans.forRef(tracer, Telemetry.SPAN_INGEST_PUBLISH, ref)
            .setParent(Context.root())
            .setAttribute(Telemetry.SOURCE, RequestSource.WEBHOOK.name())
            .setAttribute(PROVIDER, provider.id())
            .startSpan();
    try (Scope ignored = span.makeCurrent()) {
      bus.publish(
          Topics.REQUESTS,
          VersionRequested.of(ref, RequestSource.WEBHOOK, origin, clock.instant()));
      published.add(1, Attributes.of(Telemetry.SOURCE, RequestSource.WEBHOOK.name()));
    } catch (RuntimeException e) {
      Spans.fail(span, e);
      throw e;
    } finally {
      span.end();
    }
  }

  private void remember(String key) {
    try {
      deliveries.remember(key);
    } catch (ModmirrorException e) {
      // The work is published; a redelivery would only be dropped later, by the dedupe stage.
      LOG.warn("webhook delivery {} not remembered: {}", key, e.getMessage());
    }
  }

  private static boolean authentic(
      Provider provider, String secret, Function<String, Optional<String>> header, byte[] body) {
    return switch (provider) {
      case GITHUB ->
          Signatures.githubValid(secret, body, header.apply("X-Hub-Signature-256").orElse(null));
      case GITLAB -> Signatures.tokenValid(secret, header.apply("X-Gitlab-Token").orElse(null));
      case GENERIC ->
          Signatures.tokenValid("Bearer " + secret, header.apply("Authorization").orElse(null));
    };
  }

  private static String event(Provider provider, Function<String, Optional<String>> header) {
    return switch (provider) {
      case GITHUB -> header.apply("X-GitHub-Event").orElse("");
      case GITLAB ->
          switch (header.apply("X-Gitlab-Event").orElse("")) {
            case "Push Hook", "Tag Push Hook" -> "push";
            default -> "";
          };
      case GENERIC -> "push";
    };
  }

  private static Optional<String> delivery(
      Provider provider, Function<String, Optional<String>> header, byte[] body) {
    Optional<String> id =
        switch (provider) {
          case GITHUB -> header.apply("X-GitHub-Delivery");
          case GITLAB -> header.apply("X-Gitlab-Event-UUID");
          case GENERIC -> header.apply("X-Delivery-Id");
        };
    // Ids are the sender's: keep them short and printable before they reach logs and Kafka keys.
    return id.filter(d -> d.matches("[A-Za-z0-9._:-]{1,100}"));
  }

  private Outcome reject(Provider provider, int status, String reason, String message) {
    rejected.add(1, Attributes.of(PROVIDER, provider.id(), REASON, reason));
    // A replayed delivery is answered 202 (the sender must not retry it) yet is refused as surely
    // as a forged one: both are logged; the other 202s (ignored events, deleted refs) are routine.
    if (status >= 400 || reason.equals("duplicate")) {
      LOG.info("webhook {}: {} ({}): {}", provider.id(), status, reason, message);
    }
    return new Outcome(status, reason, message);
  }
}
