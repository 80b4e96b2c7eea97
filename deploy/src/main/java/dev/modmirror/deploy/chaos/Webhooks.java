package dev.modmirror.deploy.chaos;

import dev.modmirror.core.module.ModuleRef;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sends pushes to ingest's generic webhook, as a Git host would: one delivery per version, each
 * with an id of its own. A tag push names the version's own repository; a branch push names the
 * run's application repository at a new commit whose go.mod (served by {@link RawContentServer})
 * requires the version, so ingest fetches it through its durable branch-fetch queue. A delivery
 * counts as accepted only when answered 202.
 */
final class Webhooks {
  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final URI hook;
  private final String token;
  private final AtomicLong deliveries = new AtomicLong();
  private final AtomicLong refused = new AtomicLong();

  /** The repository of the branch pushes, as its raw-content URLs name it. */
  static final String APP_REPOSITORY = "chaos/app";

  private final RawContentServer raw;

  Webhooks(URI ingest, String token, RawContentServer raw) {
    this.hook = ingest.resolve("/hooks/generic");
    this.token = token;
    this.raw = raw;
  }

  /** Pushes a branch of the application whose go.mod requires {@code ref}; true when accepted. */
  boolean pushBranch(ModuleRef ref) {
    long n = deliveries.incrementAndGet();
    String commit = HexFormat.of().toHexDigits(n) + "b0b0b0b0";
    raw.put(APP_REPOSITORY, commit, LoadFeeder.goMod(java.util.List.of(ref)));
    return send(
        "{\"repository\":\"https://git.chaos.example/"
            + APP_REPOSITORY
            + "\",\"ref\":\"refs/heads/main\",\"after\":\""
            + commit
            + "\",\"delivery\":\"chaos-"
            + n
            + "\"}");
  }

  /** Pushes the tag of {@code ref}; true when ingest accepted it (202). */
  boolean push(ModuleRef ref) {
    long n = deliveries.incrementAndGet();
    return send(
        "{\"repository\":\"https://"
            + ref.modulePath()
            + "\",\"ref\":\"refs/tags/"
            + ref.moduleVersion()
            + "\",\"after\":\""
            + HexFormat.of().toHexDigits(n)
            + HexFormat.of().toHexDigits(n)
            + "00000000"
            + "\",\"delivery\":\"chaos-"
            + n
            + "\"}");
  }

  private boolean send(String body) {
    try {
      HttpResponse<Void> response =
          client.send(
              HttpRequest.newBuilder(hook)
                  .timeout(Duration.ofSeconds(10))
                  .header("Authorization", "Bearer " + token)
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofString(body))
                  .build(),
              HttpResponse.BodyHandlers.discarding());
      if (response.statusCode() == 202) {
        return true;
      }
    } catch (java.io.IOException e) {
      // ingest down or restarting: sent again later
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    refused.incrementAndGet();
    return false;
  }

  /** Deliveries not accepted (ingest down, 429, 5xx), each sent again later. */
  long refused() {
    return refused.get();
  }
}
