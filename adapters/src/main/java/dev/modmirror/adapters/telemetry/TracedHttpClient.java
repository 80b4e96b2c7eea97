package dev.modmirror.adapters.telemetry;

import dev.modmirror.core.telemetry.Spans;
import dev.modmirror.core.telemetry.Telemetry;
import dev.modmirror.core.upstream.Redaction;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapPropagator;
import java.io.IOException;
import java.net.Authenticator;
import java.net.CookieHandler;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * An {@link HttpClient} that wraps each synchronous exchange in an HTTP client span (the
 * OpenTelemetry HTTP conventions: {@code GET}, {@code http.request.method}, {@code url.full}
 * without credentials, {@code server.address}, {@code server.port}, {@code
 * http.response.status_code}, {@code error.type}; 4xx and 5xx and exceptions mark it failed) and
 * sends the W3C trace context in the request headers. The span ends when the response headers
 * arrive; the body is read after. Upstream GOPROXY and checksum-database calls go through it, so
 * each appears under the module version's trace.
 */
public final class TracedHttpClient extends HttpClient {
  private final HttpClient delegate;
  private final Tracer tracer;
  private final TextMapPropagator propagator;

  private TracedHttpClient(HttpClient delegate, OpenTelemetry telemetry) {
    this.delegate = delegate;
    this.tracer = telemetry.getTracer(Telemetry.SCOPE);
    this.propagator = telemetry.getPropagators().getTextMapPropagator();
  }

  /** {@code client}, traced through {@code telemetry}; a no-op telemetry adds nothing. */
  public static HttpClient wrap(HttpClient client, OpenTelemetry telemetry) {
    return telemetry == OpenTelemetry.noop() ? client : new TracedHttpClient(client, telemetry);
  }

  @Override
  public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler)
      throws IOException, InterruptedException {
    URI uri = request.uri();
    Span span =
        tracer
            .spanBuilder(request.method())
            .setSpanKind(SpanKind.CLIENT)
            .setAttribute(Telemetry.HTTP_METHOD, request.method())
            .setAttribute(Telemetry.URL_FULL, Redaction.url(uri))
            .setAttribute(Telemetry.SERVER_ADDRESS, String.valueOf(uri.getHost()))
            .setAttribute(Telemetry.SERVER_PORT, (long) port(uri))
            .startSpan();
    try (Scope ignored = span.makeCurrent()) {
      HttpRequest.Builder traced = HttpRequest.newBuilder(request, (name, value) -> true);
      propagator.inject(Context.current(), traced, (b, k, v) -> b.setHeader(k, v));
      HttpResponse<T> response = delegate.send(traced.build(), handler);
      int status = response.statusCode();
      span.setAttribute(Telemetry.HTTP_STATUS, (long) status);
      if (status >= 400) {
        span.setStatus(StatusCode.ERROR, "HTTP " + status);
        span.setAttribute(Telemetry.ERROR_TYPE, Integer.toString(status));
      }
      return response;
    } catch (IOException | InterruptedException | RuntimeException e) {
      Spans.fail(span, e);
      span.setAttribute(Telemetry.ERROR_TYPE, e.getClass().getName());
      throw e;
    } finally {
      span.end();
    }
  }

  private static int port(URI uri) {
    if (uri.getPort() >= 0) {
      return uri.getPort();
    }
    return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
  }

  // Not used by modmirror: asynchronous sends are passed through untraced.
  @Override
  public <T> CompletableFuture<HttpResponse<T>> sendAsync(
      HttpRequest request, HttpResponse.BodyHandler<T> handler) {
    return delegate.sendAsync(request, handler);
  }

  @Override
  public <T> CompletableFuture<HttpResponse<T>> sendAsync(
      HttpRequest request,
      HttpResponse.BodyHandler<T> handler,
      HttpResponse.PushPromiseHandler<T> pushPromiseHandler) {
    return delegate.sendAsync(request, handler, pushPromiseHandler);
  }

  @Override
  public Optional<CookieHandler> cookieHandler() {
    return delegate.cookieHandler();
  }

  @Override
  public Optional<Duration> connectTimeout() {
    return delegate.connectTimeout();
  }

  @Override
  public Redirect followRedirects() {
    return delegate.followRedirects();
  }

  @Override
  public Optional<ProxySelector> proxy() {
    return delegate.proxy();
  }

  @Override
  public SSLContext sslContext() {
    return delegate.sslContext();
  }

  @Override
  public SSLParameters sslParameters() {
    return delegate.sslParameters();
  }

  @Override
  public Optional<Authenticator> authenticator() {
    return delegate.authenticator();
  }

  @Override
  public Version version() {
    return delegate.version();
  }

  @Override
  public Optional<Executor> executor() {
    return delegate.executor();
  }
}
