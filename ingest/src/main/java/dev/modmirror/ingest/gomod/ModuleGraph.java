package dev.modmirror.ingest.gomod;

import dev.modmirror.core.gomod.GoModFile;
import dev.modmirror.core.gomod.Replacements;
import dev.modmirror.core.module.ModuleRef;
import dev.modmirror.core.upstream.Upstream;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The module graph of a build as the go command loads it (modload readModGraph, then minimal
 * version selection), read through the {@link Upstream} port: the go.mod of every module version it
 * must read, and the build list it selects.
 *
 * <p>The main modules' requirements are the roots, and each root's go.mod is read (even a
 * requirement on a main module's own path at some version: the go command reads that version's
 * go.mod, though the main module wins the selection). A module whose own go.mod says {@code go
 * 1.17} or later is pruned: its requirements join the graph but their go.mod files are not read,
 * unless the walk is already unpruned (below a main module or a module older than 1.17), in which
 * case everything below is read. Requirements on versions the main modules exclude are dropped; a
 * replaced version's go.mod is read from its replacement (the upstream for a module, {@link
 * LocalGoMod} for a directory). The selected version of each path is the highest in the graph.
 * Cycles are harmless (each version is read once); depth and count are bounded by {@link
 * GraphBounds}.
 */
public final class ModuleGraph {
  /** go.mod files are at most 16 MiB (x/mod MaxGoMod). */
  static final int MAX_GO_MOD = 16 << 20;

  /** Reads the go.mod of a local-directory replacement. */
  public interface LocalGoMod {
    /**
     * @return the go.mod text; empty when the directory cannot be read from here (an ingested file
     *     has no directory beside it), in which case its requirements are unknown
     */
    Optional<String> read(Replacements.Declared directory);
  }

  /**
   * The loaded graph.
   *
   * @param buildList the selected version of every module path in the graph (main modules left
   *     out), sorted by path
   * @param goModsRead every module version whose go.mod the go command reads, as fetched (the
   *     replacement where a version is replaced by a module; nothing for directories)
   * @param zips every build-list version as fetched (replacement targets applied)
   * @param truncated true when a bound stopped the walk: the lists are then incomplete
   * @param problems go.mod files that could not be read or parsed, one line each
   */
  public record Graph(
      List<ModuleRef> buildList,
      List<ModuleRef> goModsRead,
      List<ModuleRef> zips,
      boolean truncated,
      List<String> problems) {
    public Graph {
      buildList = List.copyOf(buildList);
      goModsRead = List.copyOf(goModsRead);
      zips = List.copyOf(zips);
      problems = List.copyOf(problems);
    }

    /** Every version to warm: the go.mod files read and the build list, without repeats. */
    public List<ModuleRef> everything() {
      Set<ModuleRef> all = new LinkedHashSet<>(goModsRead);
      all.addAll(zips);
      return List.copyOf(all);
    }
  }

  private final Upstream upstream;
  private final GraphBounds bounds;

  public ModuleGraph(Upstream upstream, GraphBounds bounds) {
    this.upstream = upstream;
    this.bounds = bounds;
  }

  /**
   * Loads the graph of the given main modules.
   *
   * @param mains the main modules by go.mod name (one, or a workspace's)
   * @param replacements the replacements that bind the build
   * @param local reads local-directory replacements' go.mod files
   * @throws dev.modmirror.core.error.TransientException when the upstream fails transiently: the
   *     walk cannot be trusted and is best repeated
   */
  public Graph load(Map<String, GoModFile> mains, Replacements replacements, LocalGoMod local) {
    return new GraphWalk(upstream, bounds, mains, replacements, local).run();
  }
}
