package dev.modmirror.core.gomod;

import dev.modmirror.core.error.InvalidInputException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The replace directives that bind a build, looked up as the go command does (modload
 * replacementFrom): a directive for the exact {@code path version} wins over one for every version
 * of {@code path}; in a workspace, go.work's directives override the modules' own, and two modules
 * replacing the same version differently is an error unless go.work settles it.
 */
public final class Replacements {
  /**
   * One replace directive and the file that declares it (a local directory is relative to it).
   *
   * @param file the go.mod or go.work that holds the directive, as the caller named it
   */
  public record Declared(Replace replace, String file) {}

  private final Map<String, Declared> work;
  private final List<Map<String, Declared>> modules;

  private Replacements(Map<String, Declared> work, List<Map<String, Declared>> modules) {
    this.work = work;
    this.modules = modules;
  }

  /** No replacements at all. */
  public static Replacements none() {
    return new Replacements(Map.of(), List.of());
  }

  /** One main module's directives. */
  public static Replacements of(String file, GoModFile main) {
    return new Replacements(Map.of(), List.of(index(file, main.replaces())));
  }

  /**
   * A workspace: go.work's directives, then each main module's.
   *
   * @param mains the main modules' files by the name of their go.mod
   */
  public static Replacements workspace(
      String workFile, GoWorkFile work, Map<String, GoModFile> mains) {
    List<Map<String, Declared>> modules = new ArrayList<>();
    mains.forEach((file, mod) -> modules.add(index(file, mod.replaces())));
    return new Replacements(index(workFile, work.replaces()), List.copyOf(modules));
  }

  /**
   * The directive that replaces {@code path@version}, if any.
   *
   * @throws InvalidInputException when two workspace modules replace it differently and go.work
   *     does not (the go command refuses such a workspace)
   */
  public Optional<Declared> lookup(String path, String version) {
    Optional<Declared> fromWork = find(work, path, version);
    if (fromWork.isPresent()) {
      return fromWork;
    }
    Declared found = null;
    for (Map<String, Declared> module : modules) {
      Optional<Declared> d = find(module, path, version);
      if (d.isPresent()) {
        if (found != null && !sameTarget(found.replace(), d.get().replace())) {
          throw new InvalidInputException(
              "conflicting replacements found for "
                  + path
                  + "@"
                  + version
                  + " in workspace modules defined by "
                  + found.file()
                  + " and "
                  + d.get().file(),
              path,
              version);
        }
        found = found == null ? d.get() : found;
      }
    }
    return Optional.ofNullable(found);
  }

  private static Optional<Declared> find(Map<String, Declared> index, String path, String version) {
    Declared exact = index.get(path + "@" + version);
    return Optional.ofNullable(exact != null ? exact : index.get(path));
  }

  private static boolean sameTarget(Replace a, Replace b) {
    return a.newPath().equals(b.newPath()) && a.newVersion().equals(b.newVersion());
  }

  /** Later lines win, as in modload's replace map. */
  private static Map<String, Declared> index(String file, List<Replace> replaces) {
    Map<String, Declared> index = new HashMap<>();
    for (Replace r : replaces) {
      String key = r.oldPath() + r.oldVersion().map(v -> "@" + v).orElse("");
      index.put(key, new Declared(r, file));
    }
    return Map.copyOf(index);
  }
}
