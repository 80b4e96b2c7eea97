package dev.modmirror.deploy.serve;

import dev.modmirror.adapters.http.Access;
import dev.modmirror.adapters.http.AccessControl;
import dev.modmirror.adapters.http.HttpSecurity;
import dev.modmirror.adapters.http.HttpService;
import dev.modmirror.adapters.http.Request;
import dev.modmirror.adapters.http.RequestFilter;
import dev.modmirror.adapters.http.Response;
import dev.modmirror.adapters.http.Route;
import dev.modmirror.core.auth.AccessRules;
import dev.modmirror.core.auth.Role;
import dev.modmirror.core.goproxy.ProxyPath;
import dev.modmirror.core.module.ModulePath;
import dev.modmirror.serve.Answer;
import dev.modmirror.serve.ServeGoproxy;
import io.opentelemetry.api.OpenTelemetry;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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

  private static final String ROUTE = "goproxy";
  private static final Logger LOG = LoggerFactory.getLogger(GoproxyHttp.class);

  private GoproxyHttp() {}

  /**
   * Starts listening, with TLS and access control as {@code security} says: with a token file,
   * every GOPROXY path needs a token of the {@code reader} role (or higher) that may read the
   * module the path names, so a private module is served only to tokens given it; {@code /healthz}
   * and {@code /readyz} stay open.
   *
   * @param isPrivate which modules are private (GOPRIVATE/GONOPROXY), for tokens' module rules
   * @throws java.io.UncheckedIOException if the address cannot be bound
   * @throws dev.modmirror.core.error.InvalidInputException if the token file or key store cannot be
   *     loaded
   */
  public static HttpService start(
      ServeGoproxy serve,
      InetSocketAddress listen,
      HttpSecurity security,
      Predicate<ModulePath> isPrivate,
      OpenTelemetry telemetry) {
    HttpService.Builder http = builder(serve, listen, telemetry);
    Optional<AccessControl> installed =
        security.apply(
            http,
            new AccessRules(isPrivate),
            telemetry,
            access -> access.route(ROUTE, Access.token(Role.READER, r -> moduleOf(r.rawPath()))));
    if (installed.isEmpty()) {
      LOG.warn(
          "serve: access control is off (MODMIRROR_AUTH_TOKENS_FILE unset): every module in the"
              + " bucket is served to anyone who can reach {}",
          listen);
    }
    return http.start();
  }

  /**
   * Starts listening with {@code filter} checked before every request (tests and benches that bring
   * their own filter).
   *
   * @throws java.io.UncheckedIOException if the address cannot be bound
   */
  public static HttpService start(
      ServeGoproxy serve, InetSocketAddress listen, RequestFilter filter, OpenTelemetry telemetry) {
    return builder(serve, listen, telemetry).filter(filter).start();
  }

  /**
   * The module a request path names, for a token's module rules; none for checksum-database paths
   * and for paths that do not read (the use case refuses those with their own rule).
   */
  static List<ModulePath> moduleOf(String rawPath) {
    try {
      ProxyPath path = ProxyPath.parse(rawPath);
      if (path instanceof ProxyPath.VersionFile f) {
        return List.of(f.ref().path());
      }
      if (path instanceof ProxyPath.VersionList l) {
        return List.of(l.module());
      }
      if (path instanceof ProxyPath.Latest l) {
        return List.of(l.module());
      }
      return List.of();
    } catch (RuntimeException e) {
      return List.of();
    }
  }

  private static HttpService.Builder builder(
      ServeGoproxy serve, InetSocketAddress listen, OpenTelemetry telemetry) {
    Route route =
        new Route(
            ROUTE,
            Set.of("GET", "HEAD"),
            "/*",
            0,
            request -> respond(serve, request),
            Optional.empty(),
            request -> ROUTE);
    return HttpService.builder()
        .bind(listen)
        .name("serve")
        .pool(THREADS, QUEUE)
        .telemetry(telemetry)
        .route(route);
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
