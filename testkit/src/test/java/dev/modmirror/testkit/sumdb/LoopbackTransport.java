package dev.modmirror.testkit.sumdb;

import dev.modmirror.core.error.NotFoundException;
import dev.modmirror.core.error.TransientException;
import dev.modmirror.core.sumdb.SumDbTransport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * A minimal HTTP transport for tests (the real one lives in adapters, which testkit cannot see).
 */
final class LoopbackTransport implements SumDbTransport {
  private final HttpClient http = HttpClient.newHttpClient();
  private final String base;

  LoopbackTransport(URI base) {
    this.base = base.toString();
  }

  @Override
  public byte[] get(String path) {
    try {
      HttpResponse<byte[]> r =
          http.send(
              HttpRequest.newBuilder(URI.create(base + path)).build(),
              HttpResponse.BodyHandlers.ofByteArray());
      if (r.statusCode() == 404 || r.statusCode() == 410) {
        throw new NotFoundException("not found: " + path);
      }
      if (r.statusCode() != 200) {
        throw new TransientException("status " + r.statusCode() + ": " + path);
      }
      return r.body();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TransientException("interrupted");
    }
  }
}
