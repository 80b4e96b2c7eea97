package dev.modmirror.core.error;

/**
 * A failure that will not pass by retrying: an upstream that answers with something unusable, a
 * rejected credential.
 */
public final class PermanentException extends ModmirrorException {
  private static final long serialVersionUID = 1L;

  public PermanentException(String message, String module, String version, Throwable cause) {
    super(message, module, version, cause);
  }

  public PermanentException(String message, String module, String version) {
    this(message, module, version, null);
  }

  /** About one module version, which is known to be valid. */
  public PermanentException(String message, ModuleCoordinates ref, Throwable cause) {
    this(message, ref.modulePath(), ref.moduleVersion(), cause);
  }

  /** About one module version, which is known to be valid. */
  public PermanentException(String message, ModuleCoordinates ref) {
    this(message, ref, null);
  }

  public PermanentException(String message) {
    this(message, null, null, null);
  }

  @Override
  public String kind() {
    return "permanent";
  }
}
