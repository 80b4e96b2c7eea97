package dev.modmirror.core.store;

import dev.modmirror.core.error.InvalidInputException;
import dev.modmirror.core.module.ModulePath;
import dev.modmirror.core.module.ModulePaths;
import dev.modmirror.core.module.ModuleRef;
import dev.modmirror.core.module.ModuleVersion;
import java.util.Objects;
import java.util.Optional;

/**
 * A key of the GOPROXY tree read back into what it names: a version's file, or a module's {@code
 * @v/list}. Only keys that {@link ObjectKeys} would build are read back: a key whose module or
 * version does not pass the module rules, or is not in its canonical escaped form, names nothing.
 *
 * @param path the module
 * @param version the version, or null for the list
 * @param artifact the file, or null for the list
 */
public record TreeKey(ModulePath path, ModuleVersion version, Artifact artifact) {
  private static final String SEPARATOR = "/@v/";

  public TreeKey {
    Objects.requireNonNull(path, "path");
    if ((version == null) != (artifact == null)) {
      throw new IllegalArgumentException("a version's file needs both version and artifact");
    }
  }

  /** Whether this is a module's {@code @v/list}. */
  public boolean isList() {
    return version == null;
  }

  /** The version this key is a file of; only for a version's file. */
  public ModuleRef ref() {
    return new ModuleRef(path, Objects.requireNonNull(version, "a list has no version"));
  }

  /**
   * Reads {@code key} back; empty for a key outside the GOPROXY layout ({@link
   * ObjectKeys#OWN_PREFIX} records, another tool's objects, Athens' layouts, a key a hostile writer
   * crafted).
   */
  public static Optional<TreeKey> parse(String key) {
    int at = key.indexOf(SEPARATOR);
    if (at <= 0) {
      return Optional.empty();
    }
    Optional<ModulePath> path = modulePath(key.substring(0, at));
    String file = key.substring(at + SEPARATOR.length());
    if (path.isEmpty()) {
      return Optional.empty();
    }
    if (file.equals("list")) {
      return Optional.of(new TreeKey(path.get(), null, null));
    }
    for (Artifact artifact : Artifact.values()) {
      if (file.endsWith(artifact.extension())) {
        return version(file.substring(0, file.length() - artifact.extension().length()))
            .map(v -> new TreeKey(path.get(), v, artifact));
      }
    }
    return Optional.empty();
  }

  /**
   * Reads back the version a record key names, {@code <prefix><escaped module>/@v/<escaped
   * version>} (as {@link ObjectKeys#tombstone} builds it); empty if it names none.
   */
  public static Optional<ModuleRef> parseRecord(String prefix, String key) {
    if (!key.startsWith(prefix)) {
      return Optional.empty();
    }
    String rest = key.substring(prefix.length());
    int at = rest.indexOf(SEPARATOR);
    if (at <= 0) {
      return Optional.empty();
    }
    Optional<ModulePath> path = modulePath(rest.substring(0, at));
    Optional<ModuleVersion> version = version(rest.substring(at + SEPARATOR.length()));
    return path.isPresent() && version.isPresent()
        ? Optional.of(new ModuleRef(path.get(), version.get()))
        : Optional.empty();
  }

  private static Optional<ModulePath> modulePath(String escaped) {
    try {
      ModulePath path = ModulePath.of(ModulePaths.unescapePath(escaped));
      return path.escaped().equals(escaped) ? Optional.of(path) : Optional.empty();
    } catch (InvalidInputException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private static Optional<ModuleVersion> version(String escaped) {
    try {
      ModuleVersion version = ModuleVersion.of(ModulePaths.unescapeVersion(escaped));
      return version.escaped().equals(escaped) ? Optional.of(version) : Optional.empty();
    } catch (InvalidInputException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
