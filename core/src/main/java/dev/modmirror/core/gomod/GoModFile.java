package dev.modmirror.core.gomod;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A parsed go.mod. Lists keep file order; an absent directive is an empty optional or list.
 *
 * @param module the {@code module} directive's path; empty if the file has none. A main module's
 *     path need only pass the import-path rules ({@code module hello} is valid), so it is not a
 *     {@link dev.modmirror.core.module.ModulePath}; a dependency's (lax) go.mod path is not checked
 * @param deprecated the module's {@code Deprecated:} comment paragraph; empty if none
 * @param goVersion the {@code go} directive ({@code 1.21.0}, {@code 1.19}); empty if none
 * @param toolchain the {@code toolchain} directive ({@code go1.22.1}, {@code default})
 * @param requirements every {@code require}, in file order
 */
public record GoModFile(
    Optional<String> module,
    Optional<String> deprecated,
    Optional<String> goVersion,
    Optional<String> toolchain,
    List<Godebug> godebugs,
    List<Requirement> requirements,
    List<Exclude> excludes,
    List<Replace> replaces,
    List<Retract> retracts,
    List<Tool> tools,
    List<Ignore> ignores) {

  public GoModFile {
    Objects.requireNonNull(module, "module");
    Objects.requireNonNull(deprecated, "deprecated");
    Objects.requireNonNull(goVersion, "goVersion");
    Objects.requireNonNull(toolchain, "toolchain");
    godebugs = List.copyOf(godebugs);
    requirements = List.copyOf(requirements);
    excludes = List.copyOf(excludes);
    replaces = List.copyOf(replaces);
    retracts = List.copyOf(retracts);
    tools = List.copyOf(tools);
    ignores = List.copyOf(ignores);
  }

  /**
   * True when the file's {@code go} line says 1.17 or later: the go command then prunes the module
   * graph at this module (its requirements join the graph, theirs are not read unless needed). A
   * file without a {@code go} line does not prune.
   */
  public boolean prunesModuleGraph() {
    return goVersion.map(v -> GoVersions.compare(v, "1.17") >= 0).orElse(false);
  }

  /** A file with only a module path and requirements (the foundation's shape). */
  public GoModFile(Optional<String> module, List<Requirement> requirements) {
    this(
        module,
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        List.of(),
        requirements,
        List.of(),
        List.of(),
        List.of(),
        List.of(),
        List.of());
  }
}
