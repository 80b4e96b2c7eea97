package dev.modmirror.testkit.goproxy;

import dev.modmirror.core.module.ModulePath;
import dev.modmirror.core.module.ModuleVersion;
import dev.modmirror.embedded.module.BuiltModule;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** The module versions a fake proxy serves; thread-safe. */
final class ModuleCatalog {
  private final Map<ModulePath, NavigableMap<ModuleVersion, BuiltModule>> modules = new HashMap<>();

  synchronized void add(BuiltModule module) {
    modules
        .computeIfAbsent(module.ref().path(), p -> new TreeMap<>())
        .put(module.ref().version(), module);
  }

  /** The version, or empty if the module or version is unknown. */
  synchronized Optional<BuiltModule> find(ModulePath path, ModuleVersion version) {
    NavigableMap<ModuleVersion, BuiltModule> versions = modules.get(path);
    return versions == null ? Optional.empty() : Optional.ofNullable(versions.get(version));
  }

  /** {@code @v/list}: tagged versions, one a line; empty if the module is unknown. */
  synchronized Optional<byte[]> list(ModulePath path) {
    NavigableMap<ModuleVersion, BuiltModule> versions = modules.get(path);
    if (versions == null) {
      return Optional.empty();
    }
    String text =
        versions.keySet().stream()
            .filter(v -> !v.isPseudo())
            .map(v -> v.value() + "\n")
            .collect(Collectors.joining());
    return Optional.of(text.getBytes(StandardCharsets.UTF_8));
  }

  /** {@code @latest}: the highest tagged version, else the highest pseudo-version. */
  synchronized Optional<BuiltModule> latest(ModulePath path) {
    NavigableMap<ModuleVersion, BuiltModule> versions = modules.get(path);
    if (versions == null || versions.isEmpty()) {
      return Optional.empty();
    }
    return versions.descendingMap().values().stream()
        .filter(m -> !m.ref().version().isPseudo())
        .findFirst()
        .or(() -> Optional.of(versions.lastEntry().getValue()));
  }
}
