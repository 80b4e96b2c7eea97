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

  /** About one module version, which is known to be valid. */
  public TransientException(String message, ModuleCoordinates ref, Throwable cause) {
    this(message, ref.modulePath(), ref.moduleVersion(), cause);
  }

  /** About one module version, which is known to be valid. */
  public TransientException(String message, ModuleCoordinates ref) {
    this(message, ref, null);
  }

  public TransientException(String message) {
    this(message, null, null, null);
  }

  @Override
  public String kind() {
    return "transient";
  }
}
