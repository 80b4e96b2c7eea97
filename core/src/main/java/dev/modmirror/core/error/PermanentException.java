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

  public PermanentException(String message) {
    this(message, null, null, null);
  }

  @Override
  public String kind() {
    return "permanent";
  }
}
