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
 * Sends tag pushes to ingest's generic webhook, as a Git host would: one delivery per version, each
 * with an id of its own. A delivery counts as accepted only when answered 202.
 */
final class Webhooks {
  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final URI hook;
  private final String token;
  private final AtomicLong deliveries = new AtomicLong();
  private final AtomicLong refused = new AtomicLong();

  Webhooks(URI ingest, String token) {
    this.hook = ingest.resolve("/hooks/generic");
    this.token = token;
  }

  /** Pushes the tag of {@code ref}; true when ingest accepted it (202). */
  boolean push(ModuleRef ref) {
    long n = deliveries.incrementAndGet();
    String body =
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
            + "\"}";
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
