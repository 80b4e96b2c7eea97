package dev.modmirror.core.error;

import java.util.Optional;

/**
 * Base of modmirror's own failure kinds. Carries the module path and version the failure concerns,
 * when there is one, as plain strings so that even an invalid path can be reported.
 */
public abstract sealed class ModmirrorException extends RuntimeException
    permits NotFoundException, TransientException, PermanentException, InvalidInputException {

  private final String module;
  private final String version;

  protected ModmirrorException(String message, String module, String version, Throwable cause) {
    super(message, cause);
    this.module = module;
    this.version = version;
  }

  /** The module path the failure concerns; empty when it concerns no single module. */
  public Optional<String> module() {
    return Optional.ofNullable(module);
  }

  /** The version the failure concerns; empty when it concerns no single version. */
  public Optional<String> version() {
    return Optional.ofNullable(version);
  }

  /** A short stable name of the kind, used as a metric attribute and in failure events. */
  public abstract String kind();
}
