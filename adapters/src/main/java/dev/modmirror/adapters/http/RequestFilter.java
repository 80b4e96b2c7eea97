package dev.modmirror.adapters.http;

import java.util.Optional;

/**
 * Runs before every route's handler (the seam for access control: tokens, roles): an answer stops
 * the request there (e.g. 401 or 403), empty lets it through. Runs on the worker thread, inside the
 * request's server span; must not throw (a throw answers 500).
 */
@FunctionalInterface
public interface RequestFilter {
  /** Lets every request through. */
  RequestFilter NONE = (route, request) -> Optional.empty();

  Optional<Response> check(Route route, Request request);
}
