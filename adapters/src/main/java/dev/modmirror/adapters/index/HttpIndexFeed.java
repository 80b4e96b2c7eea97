package dev.modmirror.adapters.index;

import dev.modmirror.core.error.InvalidInputException;
import dev.modmirror.core.error.PermanentException;
import dev.modmirror.core.error.TransientException;
import dev.modmirror.core.index.FeedTime;
import dev.modmirror.core.index.IndexFeed;
import dev.modmirror.core.upstream.Redaction;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Reads pages of the index feed: {@code GET <base>/index?since=<RFC3339Nano>&limit=<n>}. A body is
 * gathered whole, up to {@value #MAX_BODY} bytes (2000 lines are about 300 KB), then split into
 * lines. Errors: 429, 5xx, timeouts, connection failures and truncated bodies are {@link
 * TransientException}; other statuses and oversize bodies {@link PermanentException}. Thread-safe.
 */
public final class HttpIndexFeed implements IndexFeed {
  static final int MAX_BODY = 16 << 20;

  private final URI base;
  private final HttpClient client;
  private final Duration timeout;

  /**
   * @throws InvalidInputException if {@code base} is not an http(s) URL
   */
  public HttpIndexFeed(URI base, Duration timeout) {
    String scheme = base.getScheme() == null ? "" : base.getScheme().toLowerCase(Locale.ROOT);
    if (!(scheme.equals("http") || scheme.equals("https")) || base.getHost() == null) {
      throw new InvalidInputException("index URL is not http(s): " + Redaction.url(base));
    }
    String text = base.toString();
    this.base = URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
    this.timeout = timeout;
    this.client =
        HttpClient.newBuilder()
            .connectTimeout(timeout)
            .followRedirects(HttpClient.Redirect.NORMAL)
            // One GET at a time: HTTP/2 multiplexing buys nothing, and over http:// it would ask
            // every new connection to upgrade first.
            .version(HttpClient.Version.HTTP_1_1)
            // The client's own work on a response (gathering the body: a copy per buffer) runs on
            // its selector thread instead of being handed to a pool thread and back: a page then
            // wakes one thread fewer, and each wake-up waits for a core on a loaded machine.
            .executor(Runnable::run)
            .build();
  }

  @Override
  public List<String> page(Instant since, int limit) {
    URI uri =
        URI.create(
            base
                + "/index?since="
                + URLEncoder.encode(FeedTime.format(since), StandardCharsets.UTF_8)
                + "&limit="
                + limit);
    HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout).GET().build();
    try {
      // The whole body is gathered by the client's own thread and handed over once: streaming it
      // to this thread woke it per buffer, and each wake-up waited for a core on a loaded machine.
      HttpResponse<byte[]> response =
          client.send(
              request,
              info ->
                  info.statusCode() == 200
                      ? new BoundedBody(MAX_BODY)
                      : HttpResponse.BodySubscribers.replacing(null));
      int status = response.statusCode();
      if (status != 200) {
        String message = describe() + " answered " + status;
        throw status == 429 || status >= 500
            ? new TransientException(message)
            : new PermanentException(message, null, null, null);
      }
      return lines(response.body());
    } catch (IOException e) {
      for (Throwable t = e; t != null; t = t.getCause()) {
        if (t instanceof Oversize) {
          throw new PermanentException(
              describe() + ": page over " + MAX_BODY + " bytes", null, null, null);
        }
      }
      throw new TransientException(describe() + ": " + e, null, null, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TransientException(describe() + ": interrupted", null, null, e);
    }
  }

  /**
   * The lines of a body, split at LF, CR LF or CR as a line reader splits them; blank ones dropped.
   */
  static List<String> lines(byte[] body) {
    List<String> lines = new ArrayList<>();
    int start = 0;
    for (int i = 0; i <= body.length; i++) {
      if (i == body.length || body[i] == '\n' || body[i] == '\r') {
        if (i == body.length && start == i) {
          break;
        }
        String line = new String(body, start, i - start, StandardCharsets.UTF_8);
        if (!line.isBlank()) {
          lines.add(line);
        }
        if (i < body.length && body[i] == '\r' && i + 1 < body.length && body[i + 1] == '\n') {
          i++;
        }
        start = i + 1;
      }
    }
    return lines;
  }

  /** A body over the bound, refused while it arrives. */
  private static final class Oversize extends IOException {
    private static final long serialVersionUID = 1L;

    Oversize() {
      super("body over " + MAX_BODY + " bytes");
    }
  }

  /** Gathers a body of at most {@code max} bytes; cancels the exchange past it. */
  private static final class BoundedBody implements HttpResponse.BodySubscriber<byte[]> {
    private final CompletableFuture<byte[]> body = new CompletableFuture<>();
    private final int max;
    private byte[] bytes = new byte[64 * 1024];
    private int size;
    private Flow.Subscription subscription;

    BoundedBody(int max) {
      this.max = max;
    }

    @Override
    public CompletionStage<byte[]> getBody() {
      return body;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
      subscription = s;
      s.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(List<ByteBuffer> items) {
      for (ByteBuffer item : items) {
        int n = item.remaining();
        if ((long) size + n > max) {
          subscription.cancel();
          body.completeExceptionally(new Oversize());
          return;
        }
        if (size + n > bytes.length) {
          bytes = Arrays.copyOf(bytes, Math.min(max, Math.max(size + n, bytes.length * 2)));
        }
        item.get(bytes, size, n);
        size += n;
      }
    }

    @Override
    public void onError(Throwable failure) {
      body.completeExceptionally(failure);
    }

    @Override
    public void onComplete() {
      body.complete(Arrays.copyOf(bytes, size));
    }
  }

  @Override
  public String describe() {
    return Redaction.url(base);
  }
}
