package dev.modmirror.adapters.upstream;

/**
 * The HTTP status behind an upstream failure, attached as the cause of the not-found, transient or
 * permanent exception that reports it, so that the failure's reason is read from a type, never from
 * a message. Carries no URL, header or body.
 */
final class HttpStatusCause extends Exception {
  private static final long serialVersionUID = 1L;
  private final int status;

  HttpStatusCause(int status) {
    super("HTTP " + status, null, false, false);
    this.status = status;
  }

  int status() {
    return status;
  }
}
