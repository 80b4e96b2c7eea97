package dev.modmirror.core.error;

/**
 * The module version a failure concerns, as plain text. {@code core.module.ModuleRef} implements
 * it, so a failure kind can be built from a checked module version while this package names no
 * domain type: {@code core.module} throws these kinds, and a dependency back would make the two
 * packages one tangle (athens keeps {@code pkg/errors} free of domain types for the same reason).
 */
public interface ModuleCoordinates {

  /** The module path, as written, e.g. {@code github.com/Azure/x}. */
  String modulePath();

  /** The version, as written, e.g. {@code v1.2.3}. */
  String moduleVersion();
}
