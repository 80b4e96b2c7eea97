package dev.modmirror.core.error;

/**
 * The thing asked for does not exist (an upstream 404/410, a missing object), or modmirror will not
 * fetch it ({@link Absence}). Not retried.
 */
public final class NotFoundException extends ModmirrorException {
  private static final long serialVersionUID = 1L;

  /** Why there is nothing: the outcome a failure record names, read as a type, not a message. */
  public enum Absence {
    /** The upstream or the store does not have it. */
    MISSING,
    /** A {@code direct} GOPROXY entry: modmirror does not fetch from version control. */
    DIRECT,
    /** The module matches GONOPROXY/GOPRIVATE: the go command fetches it directly, not us. */
    PRIVATE
  }

  private final Absence absence;

  public NotFoundException(String message, String module, String version, Throwable cause) {
    this(Absence.MISSING, message, module, version, cause);
  }

  /** Something modmirror will not fetch, or (with {@link Absence#MISSING}) does not exist. */
  public NotFoundException(
      Absence absence, String message, String module, String version, Throwable cause) {
    super(message, module, version, cause);
    this.absence = java.util.Objects.requireNonNull(absence, "absence");
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

  /** Why there is nothing. */
  public Absence absence() {
    return absence;
  }

  @Override
  public String kind() {
    return "not-found";
  }
}
