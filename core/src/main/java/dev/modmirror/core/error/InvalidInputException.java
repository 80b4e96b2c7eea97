package dev.modmirror.core.error;

/**
 * Input from outside that breaks a rule: a bad module path, a malformed go.mod, a zip that fails
 * the module zip rules, a hash that does not match. Never retried; recorded with the rule it broke.
 */
public non-sealed class InvalidInputException extends ModmirrorException {
  private static final long serialVersionUID = 1L;

  public InvalidInputException(String message, String module, String version, Throwable cause) {
    super(message, module, version, cause);
  }

  public InvalidInputException(String message, String module, String version) {
    this(message, module, version, null);
  }

  /** About one module version, which is known to be valid. */
  public InvalidInputException(String message, ModuleCoordinates ref, Throwable cause) {
    this(message, ref.modulePath(), ref.moduleVersion(), cause);
  }

  /** About one module version, which is known to be valid. */
  public InvalidInputException(String message, ModuleCoordinates ref) {
    this(message, ref, null);
  }

  public InvalidInputException(String message) {
    this(message, null, null, null);
  }

  @Override
  public String kind() {
    return "invalid-input";
  }
}
