package dev.modmirror.ingest.gomod;

import dev.modmirror.core.error.NotFoundException;
import dev.modmirror.core.gomod.GoModFile;
import dev.modmirror.core.gomod.GoModParser;
import dev.modmirror.core.gomod.Replace;
import dev.modmirror.core.gomod.Replacements;
import dev.modmirror.core.gomod.Requirement;
import dev.modmirror.core.module.ModuleRef;
import dev.modmirror.core.module.Semver;
import dev.modmirror.core.store.Artifact;
import dev.modmirror.core.upstream.Upstream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** One walk of {@link ModuleGraph}: its queue, the go.mod summaries read, the nodes seen. */
final class GraphWalk {

  private final Replacements replacements;
  private final Upstream upstream;
  private final GraphBounds bounds;
  private final ModuleGraph.LocalGoMod local;
  private final Set<String> mainPaths = new HashSet<>();
  private final Set<ModuleRef> excluded = new HashSet<>();
  private final List<ModuleRef> roots = new ArrayList<>();
  private final boolean mainPruned;
  private final Map<ModuleRef, Summary> summaries = new HashMap<>();
  private final Set<ModuleRef> nodes = new LinkedHashSet<>();
  private final Set<ModuleRef> goModsRead = new LinkedHashSet<>();
  private final List<String> problems = new ArrayList<>();
  private boolean truncated;

  GraphWalk(
      Upstream upstream,
      GraphBounds bounds,
      Map<String, GoModFile> mains,
      Replacements replacements,
      ModuleGraph.LocalGoMod local) {
    this.upstream = upstream;
    this.bounds = bounds;
    this.replacements = replacements;
    this.local = local;
    boolean pruned = true;
    for (GoModFile main : mains.values()) {
      main.module().ifPresent(mainPaths::add);
      main.excludes().forEach(e -> excluded.add(e.ref()));
      pruned &= main.prunesModuleGraph();
    }
    // A workspace is always pruned (go.work needs 1.18); a single old module is not.
    this.mainPruned = mains.size() > 1 || pruned;
    for (GoModFile main : mains.values()) {
      for (Requirement r : main.requirements()) {
        if (!excluded.contains(r.ref())) {
          roots.add(r.ref());
        }
      }
    }
  }

  ModuleGraph.Graph run() {
    // Breadth first, as the go command's queue; a version read pruned may be read again
    // unpruned, when an unpruned path reaches it, and then expanded.
    Deque<Step> queue = new ArrayDeque<>();
    Set<ModuleRef> seenPruned = new HashSet<>();
    Set<ModuleRef> seenUnpruned = new HashSet<>();
    nodes.addAll(roots);
    for (ModuleRef root : roots) {
      queue.add(new Step(root, !mainPruned, 1));
    }
    while (!queue.isEmpty()) {
      Step step = queue.poll();
      if (!(step.unpruned ? seenUnpruned : seenPruned).add(step.ref)) {
        continue;
      }
      if (step.depth > bounds.maxDepth()) {
        truncated = true;
        continue;
      }
      Summary s = summary(step.ref);
      if (s == null) {
        continue;
      }
      nodes.addAll(s.requires);
      if (step.unpruned || !s.pruned) {
        for (ModuleRef r : s.requires) {
          queue.add(new Step(r, true, step.depth + 1));
        }
      }
    }
    Map<String, ModuleRef> selected = new LinkedHashMap<>();
    for (ModuleRef n : nodes) {
      if (mainPaths.contains(n.path().value())) {
        continue; // a main module is selected at its own directory, whatever is required
      }
      selected.merge(
          n.path().value(),
          n,
          (a, b) -> Semver.compare(a.version().value(), b.version().value()) >= 0 ? a : b);
    }
    List<ModuleRef> buildList =
        selected.values().stream().sorted((a, b) -> a.path().compareTo(b.path())).toList();
    Set<ModuleRef> zips = new LinkedHashSet<>();
    buildList.forEach(m -> target(m).ifPresent(zips::add));
    return new ModuleGraph.Graph(
        buildList, List.copyOf(goModsRead), List.copyOf(zips), truncated, problems);
  }

  /** The go.mod summary of {@code ref} (its replacement's), read once; null if unreadable. */
  private Summary summary(ModuleRef ref) {
    if (summaries.containsKey(ref)) {
      return summaries.get(ref);
    }
    if (summaries.size() >= bounds.maxModules()) {
      truncated = true;
      return null;
    }
    Summary s = read(ref);
    summaries.put(ref, s);
    return s;
  }

  private Summary read(ModuleRef ref) {
    Optional<Replacements.Declared> replaced =
        replacements.lookup(ref.path().value(), ref.version().value());
    String name = ref + " go.mod";
    Optional<String> text;
    if (replaced.isPresent() && replaced.get().replace().isLocal()) {
      text = local.read(replaced.get());
      if (text.isEmpty()) {
        problems.add(
            name
                + ": replaced by directory "
                + replaced.get().replace().newPath()
                + ", which cannot be read here");
        return null;
      }
    } else {
      ModuleRef from = target(ref).orElseThrow();
      goModsRead.add(from);
      text = fetch(from);
      if (text.isEmpty()) {
        return null;
      }
    }
    try {
      GoModFile mod = GoModParser.parseLax(name, text.get());
      List<ModuleRef> requires = new ArrayList<>();
      for (Requirement r : mod.requirements()) {
        if (!excluded.contains(r.ref())) {
          requires.add(r.ref());
        }
      }
      return new Summary(mod.prunesModuleGraph(), requires);
    } catch (RuntimeException e) {
      problems.add(e.getMessage());
      return null;
    }
  }

  private Optional<String> fetch(ModuleRef ref) {
    try (InputStream in = upstream.open(ref, Artifact.MOD)) {
      byte[] bytes = in.readNBytes(ModuleGraph.MAX_GO_MOD + 1);
      if (bytes.length > ModuleGraph.MAX_GO_MOD) {
        problems.add(ref + " go.mod: larger than " + ModuleGraph.MAX_GO_MOD + " bytes");
        return Optional.empty();
      }
      return Optional.of(new String(bytes, StandardCharsets.UTF_8));
    } catch (NotFoundException e) {
      problems.add(ref + " go.mod: not found upstream");
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException("reading " + ref + " go.mod from " + upstream.describe(), e);
    }
  }

  /** What is fetched for {@code ref}: its module replacement, itself, or nothing (directory). */
  private Optional<ModuleRef> target(ModuleRef ref) {
    Optional<Replacements.Declared> replaced =
        replacements.lookup(ref.path().value(), ref.version().value());
    if (replaced.isEmpty()) {
      return Optional.of(ref);
    }
    Replace r = replaced.get().replace();
    return r.isLocal()
        ? Optional.empty()
        : Optional.of(ModuleRef.of(r.newPath(), r.newVersion().orElseThrow()));
  }

  private record Summary(boolean pruned, List<ModuleRef> requires) {}

  private record Step(ModuleRef ref, boolean unpruned, int depth) {}
}
