package dev.modmirror.adapters.http;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * One route.
 *
 * @param name for metrics and logs ({@code http.route}), e.g. {@code /hooks/github}
 * @param methods the methods it answers; others get 405
 * @param path an exact path, or a prefix ending in {@code /*} ({@code /demand/*} matches {@code
 *     /demand/a/b})
 * @param maxBody the largest body read; above it 413
 * @param limiter the rate limit, if any, applied per {@code sourceOf(request)}; over it 429
 * @param sourceOf the source key of a request for the limiter (e.g. the route, or the client)
 */
public record Route(
    String name,
    Set<String> methods,
    String path,
    long maxBody,
    Handler handler,
    Optional<RateLimiter> limiter,
    Function<Request, String> sourceOf) {
  public Route {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(handler, "handler");
    Objects.requireNonNull(limiter, "limiter");
    Objects.requireNonNull(sourceOf, "sourceOf");
    methods = Set.copyOf(methods);
    if (!path.startsWith("/")) {
      throw new IllegalArgumentException("route path must start with '/': " + path);
    }
    if (maxBody < 0) {
      throw new IllegalArgumentException("maxBody must not be negative");
    }
  }

  /** A route with no body cap beyond {@code maxBody} and no rate limit. */
  public static Route of(String method, String path, long maxBody, Handler handler) {
    return new Route(path, Set.of(method), path, maxBody, handler, Optional.empty(), r -> path);
  }

  /** The same route, rate-limited per the route's name (one bucket for the route). */
  public Route limited(RateLimiter limiter) {
    return new Route(name, methods, path, maxBody, handler, Optional.of(limiter), sourceOf);
  }

  /** The same route, rate-limited per source key. */
  public Route limited(RateLimiter limiter, Function<Request, String> sourceOf) {
    return new Route(name, methods, path, maxBody, handler, Optional.of(limiter), sourceOf);
  }

  /** The same route answering more methods. */
  public Route alsoFor(String method) {
    Set<String> more = new java.util.HashSet<>(methods);
    more.add(method);
    return new Route(name, more, path, maxBody, handler, limiter, sourceOf);
  }

  boolean matches(String requestPath) {
    return path.endsWith("/*")
        ? requestPath.startsWith(path.substring(0, path.length() - 1))
        : requestPath.equals(path);
  }
}
