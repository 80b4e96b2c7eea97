package dev.modmirror.deploy.serve;

import dev.modmirror.adapters.http.HttpService;
import dev.modmirror.adapters.http.Request;
import dev.modmirror.adapters.http.RequestFilter;
import dev.modmirror.adapters.http.Response;
import dev.modmirror.adapters.http.Route;
import dev.modmirror.serve.Answer;
import dev.modmirror.serve.ServeGoproxy;
import io.opentelemetry.api.OpenTelemetry;
import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.Set;

/**
 * Binds {@link ServeGoproxy} to the shared HTTP layer: one route for every path, {@code GET} and
 * {@code HEAD} only (others 405 with {@code Allow}), no request body, the raw path
 * (percent-encoding kept) handed to the use case, each {@link Answer} turned into its status,
 * headers and body. A {@code If-None-Match} that names the answer's entity tag is answered 304
 * without a body.
 */
public final class GoproxyHttp {
  /**
   * Enough threads for many concurrent go clients; each zip download holds one while it streams.
   */
  private static final int THREADS = 64;

  private static final int QUEUE = 1024;

  private GoproxyHttp() {}

  /**
   * Starts listening.
   *
   * @param filter checked before every request: the access-control seam
   * @throws java.io.UncheckedIOException if the address cannot be bound
   */
  public static HttpService start(
      ServeGoproxy serve, InetSocketAddress listen, RequestFilter filter, OpenTelemetry telemetry) {
    Route route =
        new Route(
            "goproxy",
            Set.of("GET", "HEAD"),
            "/*",
            0,
            request -> respond(serve, request),
            Optional.empty(),
            request -> "goproxy");
    return HttpService.builder()
        .bind(listen)
        .name("serve")
        .pool(THREADS, QUEUE)
        .telemetry(telemetry)
        .filter(filter)
        .route(route)
        .start();
  }

  static Response respond(ServeGoproxy serve, Request request) {
    Answer answer = serve.answer(request.rawPath());
    if (answer instanceof Answer.Bytes bytes) {
      String etag = quoted(bytes.etag());
      if (notModified(request, etag)) {
        return new Response(304, bytes.contentType(), new byte[0], java.util.Map.of())
            .withHeader("ETag", etag)
            .withHeader("Cache-Control", bytes.cacheControl());
      }
      return new Response(200, bytes.contentType(), bytes.body(), java.util.Map.of())
          .withHeader("ETag", etag)
          .withHeader("Cache-Control", bytes.cacheControl());
    }
    if (answer instanceof Answer.Streamed zip) {
      String etag = quoted(zip.object().stat().etag());
      if (notModified(request, etag)) {
        closeQuietly(zip);
        return new Response(304, zip.contentType(), new byte[0], java.util.Map.of())
            .withHeader("ETag", etag)
            .withHeader("Cache-Control", zip.cacheControl());
      }
      return Response.stream(
              200, zip.contentType(), zip.object().content(), zip.object().stat().size())
          .withHeader("ETag", etag)
          .withHeader("Cache-Control", zip.cacheControl());
    }
    String reason =
        answer instanceof Answer.NotFound n
            ? n.reason()
            : answer instanceof Answer.Refused r
                ? r.reason()
                : ((Answer.Unavailable) answer).reason();
    // Misses may be warmed soon: never cached.
    return Response.text(answer.status(), reason).withHeader("Cache-Control", "no-store");
  }

  private static boolean notModified(Request request, String etag) {
    return request.header("If-None-Match").map(v -> v.equals(etag) || v.equals("*")).orElse(false);
  }

  private static String quoted(String etag) {
    return "\"" + etag + "\"";
  }

  private static void closeQuietly(Answer.Streamed zip) {
    try {
      zip.object().close();
    } catch (java.io.IOException e) {
      // Nothing was sent from it.
    }
  }
}
