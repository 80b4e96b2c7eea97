package dev.modmirror.core.error;

/**
 * A failure that may pass: a timeout, a 5xx, a refused connection, a broken stream. Retried with
 * backoff.
 */
public final class TransientException extends ModmirrorException {
  private static final long serialVersionUID = 1L;

  public TransientException(String message, String module, String version, Throwable cause) {
    super(message, module, version, cause);
  }

  public TransientException(String message, String module, String version) {
    this(message, module, version, null);
  }

  public TransientException(String message) {
    this(message, null, null, null);
  }

  @Override
  public String kind() {
    return "transient";
  }
}
