package dev.modmirror.serve;

import dev.modmirror.core.goproxy.ProxyPathException;
import dev.modmirror.core.store.StoredObject;

/** What the mirror answers to one GOPROXY request, before it becomes HTTP. */
public sealed interface Answer {
  /** The HTTP status. */
  int status();

  /**
   * A small body held in memory ({@code .info}, {@code .mod}, {@code @v/list}, a checksum-database
   * answer).
   *
   * @param etag an entity tag, unquoted
   * @param cacheControl the {@code Cache-Control} value
   */
  record Bytes(String contentType, byte[] body, String etag, String cacheControl)
      implements Answer {
    @Override
    public int status() {
      return 200;
    }
  }

  /** A zip, streamed from the store; whoever sends it closes the object. */
  record Streamed(String contentType, StoredObject object, String cacheControl) implements Answer {
    @Override
    public int status() {
      return 200;
    }
  }

  /**
   * Nothing to serve: 404, so that a {@code ,}-separated GOPROXY list falls through to the next
   * proxy.
   */
  record NotFound(String reason) implements Answer {
    @Override
    public int status() {
      return 404;
    }
  }

  /** A request path that breaks a rule: 400, or 404 for a path that is no GOPROXY path. */
  record Refused(ProxyPathException.Rule rule, String reason) implements Answer {
    @Override
    public int status() {
      return rule.status();
    }
  }

  /**
   * The store (503) or the checksum database (502) could not answer now; the client may retry, and
   * a {@code |}-separated GOPROXY list falls through.
   */
  record Unavailable(int status, String reason) implements Answer {}
}
