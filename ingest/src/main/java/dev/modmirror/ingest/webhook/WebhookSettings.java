package dev.modmirror.ingest.webhook;

import dev.modmirror.core.config.Settings;
import dev.modmirror.core.webhook.RawContentUrls;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The webhook endpoints' settings. A provider whose secret is not set has no endpoint. {@link
 * #toString()} never shows a secret.
 *
 * @param githubSecret the GitHub webhook secret (HMAC key)
 * @param gitlabToken the GitLab secret token
 * @param genericToken the bearer token of the generic form
 * @param maxBody the largest body accepted (413 above)
 * @param perSecond requests per second per provider (429 above), on average
 * @param burst requests per provider at once
 * @param rawContent where go.mod files are read at a commit; empty: branch pushes are ignored
 * @param fetchTimeout the whole-request timeout of one go.mod fetch
 */
public record WebhookSettings(
    Optional<String> githubSecret,
    Optional<String> gitlabToken,
    Optional<String> genericToken,
    long maxBody,
    double perSecond,
    int burst,
    Optional<RawContentUrls> rawContent,
    Duration fetchTimeout) {
  public static final long DEFAULT_MAX_BODY = 1 << 20;

  public WebhookSettings {
    Objects.requireNonNull(githubSecret, "githubSecret");
    Objects.requireNonNull(gitlabToken, "gitlabToken");
    Objects.requireNonNull(genericToken, "genericToken");
    Objects.requireNonNull(rawContent, "rawContent");
    Objects.requireNonNull(fetchTimeout, "fetchTimeout");
  }

  /** Only GitHub, with this secret; defaults otherwise. */
  public static WebhookSettings github(String secret) {
    return new WebhookSettings(
        Optional.of(secret),
        Optional.empty(),
        Optional.empty(),
        DEFAULT_MAX_BODY,
        10,
        50,
        Optional.empty(),
        Duration.ofSeconds(10));
  }

  public WebhookSettings withRawContent(String template) {
    return new WebhookSettings(
        githubSecret,
        gitlabToken,
        genericToken,
        maxBody,
        perSecond,
        burst,
        Optional.of(new RawContentUrls(template)),
        fetchTimeout);
  }

  /** Reads {@code MODMIRROR_WEBHOOK_*}; problems are recorded in {@code s}. */
  public static WebhookSettings from(Settings s) {
    Optional<RawContentUrls> raw = Optional.empty();
    Optional<String> template = s.raw("MODMIRROR_WEBHOOK_RAW_URL");
    if (template.isPresent()) {
      try {
        raw = Optional.of(new RawContentUrls(template.get()));
      } catch (RuntimeException e) {
        s.problem("MODMIRROR_WEBHOOK_RAW_URL: " + e.getMessage());
      }
    }
    int perSecond = s.integer("MODMIRROR_WEBHOOK_RATE", 10, 1, 100_000);
    return new WebhookSettings(
        s.raw("MODMIRROR_WEBHOOK_GITHUB_SECRET"),
        s.raw("MODMIRROR_WEBHOOK_GITLAB_TOKEN"),
        s.raw("MODMIRROR_WEBHOOK_GENERIC_TOKEN"),
        s.bytes("MODMIRROR_WEBHOOK_MAX_BODY", DEFAULT_MAX_BODY, 1024),
        perSecond,
        s.integer("MODMIRROR_WEBHOOK_BURST", 50, 1, 100_000),
        raw,
        s.duration("MODMIRROR_WEBHOOK_FETCH_TIMEOUT", Duration.ofSeconds(10)));
  }

  /** The secret of a provider, if its endpoint is enabled. */
  public Optional<String> secret(Provider provider) {
    return switch (provider) {
      case GITHUB -> githubSecret;
      case GITLAB -> gitlabToken;
      case GENERIC -> genericToken;
    };
  }

  @Override
  public String toString() {
    return "WebhookSettings[github="
        + githubSecret.map(x -> "set").orElse("unset")
        + ", gitlab="
        + gitlabToken.map(x -> "set").orElse("unset")
        + ", generic="
        + genericToken.map(x -> "set").orElse("unset")
        + ", maxBody="
        + maxBody
        + ", rawContent="
        + rawContent.map(RawContentUrls::host).orElse("none")
        + "]";
  }
}
