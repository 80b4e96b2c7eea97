package dev.modmirror.core.gomod;

import dev.modmirror.core.module.ModuleRef;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The module versions the go command fetches for the requirements of its main modules: what {@code
 * go mod download} without arguments downloads in a module (or workspace) at {@code go 1.17} or
 * later, where the main modules' go.mod files list every module needed to build their packages.
 * (For an older {@code go} line it downloads the whole build list: see the module graph.)
 *
 * <p>The rules, in the go command's order: a requirement on a path that is itself a workspace
 * module is never fetched; an {@code exclude}d version is dropped (Go 1.16 on; before, the next
 * higher version was used), with the exclusions of every main module; a {@code replace} for the
 * exact version, else for every version of the path, then decides: a module target is fetched
 * instead, a local directory means nothing is fetched.
 */
public final class MainRequirements {
  private MainRequirements() {}

  /** One main module's requirements. */
  public static List<Fetch> of(String file, GoModFile main) {
    return resolve(Map.of(file, main), Replacements.of(file, main));
  }

  /**
   * The requirements of every main module, in file then line order.
   *
   * @param mains the main modules by the name of their go.mod, in a stable order
   * @throws dev.modmirror.core.error.InvalidInputException when the replacements conflict
   */
  public static List<Fetch> resolve(Map<String, GoModFile> mains, Replacements replacements) {
    Set<String> mainPaths = new HashSet<>();
    Set<ModuleRef> excluded = new HashSet<>();
    for (GoModFile main : mains.values()) {
      main.module().ifPresent(mainPaths::add);
      main.excludes().forEach(e -> excluded.add(e.ref()));
    }
    List<Fetch> fetches = new ArrayList<>();
    mains.forEach(
        (file, main) -> {
          for (Requirement r : main.requirements()) {
            fetches.add(decide(file, r, mainPaths, excluded, replacements));
          }
        });
    return List.copyOf(fetches);
  }

  /** The distinct versions fetched, in order. */
  public static List<ModuleRef> fetched(List<Fetch> fetches) {
    Set<ModuleRef> refs = new LinkedHashSet<>();
    fetches.forEach(f -> f.ref().ifPresent(refs::add));
    return List.copyOf(refs);
  }

  private static Fetch decide(
      String file,
      Requirement r,
      Set<String> mainPaths,
      Set<ModuleRef> excluded,
      Replacements replacements) {
    ModuleRef ref = r.ref();
    if (mainPaths.contains(ref.path().value())) {
      return new Fetch(r, file, Fetch.Kind.WORKSPACE_MODULE, Optional.empty(), Optional.empty());
    }
    if (excluded.contains(ref)) {
      return new Fetch(r, file, Fetch.Kind.EXCLUDED, Optional.empty(), Optional.empty());
    }
    Optional<Replacements.Declared> replaced =
        replacements.lookup(ref.path().value(), ref.version().value());
    if (replaced.isEmpty()) {
      return new Fetch(r, file, Fetch.Kind.REQUIRED, Optional.of(ref), Optional.empty());
    }
    Replace target = replaced.get().replace();
    if (target.isLocal()) {
      return new Fetch(r, file, Fetch.Kind.LOCAL_DIRECTORY, Optional.empty(), replaced);
    }
    ModuleRef to = ModuleRef.of(target.newPath(), target.newVersion().orElseThrow());
    return new Fetch(r, file, Fetch.Kind.REPLACED, Optional.of(to), replaced);
  }
}
