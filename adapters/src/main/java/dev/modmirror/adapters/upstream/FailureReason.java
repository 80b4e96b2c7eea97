package dev.modmirror.adapters.upstream;

import dev.modmirror.core.error.NotFoundException;
import dev.modmirror.core.error.PermanentException;
import dev.modmirror.core.error.TransientException;
import dev.modmirror.core.upstream.health.Outcome;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.util.Locale;

/**
 * Why a request to one upstream did not bring back content: the {@code reason} attribute of {@code
 * module_download_failure_total}, and what it says about the upstream's health. Read from the
 * exception's kind and its cause chain (the HTTP status, the JDK's timeout and connection
 * exceptions), never from a message.
 */
enum FailureReason {
  /** 404/410 or a missing file: the upstream answered. */
  NOT_FOUND(Outcome.ANSWERED),
  /** No answer in time (connect or request timeout, a stalled body). */
  TIMEOUT(Outcome.FAILED),
  /** Connection refused, reset, or the host did not resolve. */
  CONNECTION(Outcome.FAILED),
  /** 5xx. */
  SERVER_ERROR(Outcome.FAILED),
  /** 429. */
  RATE_LIMITED(Outcome.FAILED),
  /** 401 or 403: credentials missing or rejected. */
  UNAUTHORIZED(Outcome.FAILED),
  /** Another transient failure: a body cut short, an I/O error while reading. */
  READ_FAILED(Outcome.FAILED),
  /** Another permanent answer (over the size cap, a refused redirect, another 4xx). */
  REFUSED(Outcome.INCONCLUSIVE),
  /** Not sent: the upstream's circuit breaker is open. */
  BREAKER_OPEN(Outcome.INCONCLUSIVE);

  private final Outcome outcome;

  FailureReason(Outcome outcome) {
    this.outcome = outcome;
  }

  /** What the failure says about the upstream's health. */
  Outcome outcome() {
    return outcome;
  }

  /** The metric attribute value, e.g. {@code server_error}. */
  String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The reason of a failure thrown by an upstream client. */
  static FailureReason of(RuntimeException e) {
    if (e instanceof NotFoundException) {
      return NOT_FOUND;
    }
    int status = status(e);
    if (status == 401 || status == 403) {
      return UNAUTHORIZED;
    }
    if (status == 429) {
      return RATE_LIMITED;
    }
    if (status >= 500) {
      return SERVER_ERROR;
    }
    if (e instanceof PermanentException) {
      return REFUSED;
    }
    if (e instanceof TransientException) {
      return transientReason(e);
    }
    return REFUSED;
  }

  private static FailureReason transientReason(RuntimeException e) {
    for (Throwable c = e.getCause(); c != null; c = c.getCause()) {
      if (c instanceof BreakerOpen) {
        return BREAKER_OPEN;
      }
      if (c instanceof HttpConnectTimeoutException
          || c instanceof ConnectException
          || c instanceof UnknownHostException
          || c instanceof UnresolvedAddressException) {
        return c instanceof HttpConnectTimeoutException ? TIMEOUT : CONNECTION;
      }
      if (c instanceof HttpTimeoutException) {
        return TIMEOUT;
      }
    }
    // Before any answer, an I/O failure is the connection's (reset, closed); bodies that break
    // later are labelled by the caller that reads them.
    return e.getCause() instanceof java.io.IOException ? CONNECTION : READ_FAILED;
  }

  private static int status(Throwable e) {
    for (Throwable c = e.getCause(); c != null; c = c.getCause()) {
      if (c instanceof HttpStatusCause s) {
        return s.status();
      }
    }
    return 0;
  }

  /** The cause of the transient failure a pool reports for an upstream it did not contact. */
  static final class BreakerOpen extends Exception {
    private static final long serialVersionUID = 1L;

    BreakerOpen() {
      super("circuit breaker open", null, false, false);
    }
  }
}
