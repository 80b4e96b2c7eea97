package dev.modmirror.core.error;

/** The thing asked for does not exist (an upstream 404/410, a missing object). Not retried. */
public final class NotFoundException extends ModmirrorException {
  private static final long serialVersionUID = 1L;

  public NotFoundException(String message, String module, String version, Throwable cause) {
    super(message, module, version, cause);
  }

  public NotFoundException(String message, String module, String version) {
    this(message, module, version, null);
  }

  /** About one module version, which is known to be valid. */
  public NotFoundException(String message, ModuleCoordinates ref, Throwable cause) {
    this(message, ref.modulePath(), ref.moduleVersion(), cause);
  }

  /** About one module version, which is known to be valid. */
  public NotFoundException(String message, ModuleCoordinates ref) {
    this(message, ref, null);
  }

  public NotFoundException(String message) {
    this(message, null, null, null);
  }

  @Override
  public String kind() {
    return "not-found";
  }
}
