package dev.modmirror.core.module;

import dev.modmirror.core.error.InvalidInputException;
import dev.modmirror.core.error.ModuleCoordinates;
import java.util.Objects;

/**
 * One module version, {@code path@version}: the unit that modmirror requests, warms, stores and
 * replicates, and the unit of one trace.
 */
public record ModuleRef(ModulePath path, ModuleVersion version)
    implements Comparable<ModuleRef>, ModuleCoordinates {

  public ModuleRef {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(version, "version");
  }

  public static ModuleRef of(String path, String version) {
    return new ModuleRef(ModulePath.of(path), ModuleVersion.of(version));
  }

  /**
   * Parses {@code path@version}.
   *
   * @throws InvalidInputException if there is no {@code @} or either part is invalid
   */
  public static ModuleRef parse(String text) {
    int at = text == null ? -1 : text.lastIndexOf('@');
    if (at <= 0 || at == text.length() - 1) {
      throw new InvalidInputException("expected module@version, got: " + text);
    }
    return of(text.substring(0, at), text.substring(at + 1));
  }

  /** The Kafka record key and the stable id of this module version. */
  public String key() {
    return path.value() + "@" + version.value();
  }

  /** The path as text, for failures about this version. */
  @Override
  public String modulePath() {
    return path.value();
  }

  /** The version as text, for failures about this version. */
  @Override
  public String moduleVersion() {
    return version.value();
  }

  @Override
  public int compareTo(ModuleRef other) {
    int byPath = path.compareTo(other.path);
    return byPath != 0 ? byPath : version.compareTo(other.version);
  }

  @Override
  public String toString() {
    return key();
  }
}
