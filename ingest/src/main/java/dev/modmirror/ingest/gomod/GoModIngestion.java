package dev.modmirror.ingest.gomod;

import dev.modmirror.core.error.InvalidInputException;
import dev.modmirror.core.error.ModmirrorException;
import dev.modmirror.core.gomod.GoModFile;
import dev.modmirror.core.gomod.GoModParser;
import dev.modmirror.core.gomod.GoWorkFile;
import dev.modmirror.core.gomod.GoWorkParser;
import dev.modmirror.core.gomod.MainRequirements;
import dev.modmirror.core.gomod.Replacements;
import dev.modmirror.core.module.ModuleRef;
import dev.modmirror.ingest.IngestGoMod;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Ingests one unit (a go.mod or a workspace) as the go command would fetch for it, and publishes
 * the requests. A unit is read whole before anything is published: a file that does not parse
 * publishes nothing, and the other units of the same source are not affected.
 *
 * <p>Without the module graph, the requests are what {@code go mod download} (no arguments) fetches
 * in a module at {@code go 1.17} or later: its requirements after {@code replace} and {@code
 * exclude} ({@link MainRequirements}). For an older {@code go} line the go command downloads the
 * whole build list, so with an upstream at hand that is what is requested; without one, the
 * requirements are. With {@code withDeps}, the whole module graph as the go command loads it: the
 * go.mod of every version it reads and the build list ({@link ModuleGraph}).
 */
public final class GoModIngestion {
  /**
   * What one unit gave.
   *
   * @param requested the versions published, without repeats
   * @param error why nothing was published; empty on success
   * @param notes what a reader should know (a truncated graph, unreadable dependencies)
   */
  public record Outcome(
      String name, List<ModuleRef> requested, Optional<String> error, List<String> notes) {
    public Outcome {
      requested = List.copyOf(requested);
      notes = List.copyOf(notes);
    }
  }

  private final IngestGoMod publisher;
  private final Optional<ModuleGraph> graph;

  /**
   * @param graph the module graph over an upstream; empty when none is configured
   */
  public GoModIngestion(IngestGoMod publisher, Optional<ModuleGraph> graph) {
    this.publisher = publisher;
    this.graph = graph;
  }

  /** Resolves and publishes one unit; never throws for bad input (the outcome says). */
  public Outcome ingest(GoModSources.Unit unit, boolean withDeps) {
    Plan plan;
    try {
      plan = plan(unit, withDeps);
    } catch (InvalidInputException e) {
      publisher.rejected(unit.name(), e);
      return new Outcome(unit.name(), List.of(), Optional.of(e.getMessage()), List.of());
    } catch (ModmirrorException | UncheckedIOException e) {
      // The upstream failed while the graph was read: nothing is published from a partial graph.
      return new Outcome(
          unit.name(),
          List.of(),
          Optional.of(unit.name() + ": reading the module graph: " + e.getMessage()),
          List.of());
    }
    List<ModuleRef> published = publisher.publish(plan.refs, unit.name());
    return new Outcome(unit.name(), published, Optional.empty(), plan.notes);
  }

  /** What {@link #ingest} would publish, without publishing. */
  public Plan plan(GoModSources.Unit unit, boolean withDeps) {
    Map<String, GoModFile> mains = new LinkedHashMap<>();
    Replacements replacements;
    Optional<Path> dir;
    if (unit instanceof GoModSources.WorkspaceUnit w) {
      GoWorkFile work = GoWorkParser.parse(w.name(), w.text());
      for (GoWorkFile.Use use : work.uses()) {
        Path goMod = w.dir().resolve(use.dir()).normalize().resolve("go.mod");
        mains.put(goMod.toString(), GoModParser.parse(goMod.toString(), read(goMod, w.name())));
      }
      replacements = Replacements.workspace(w.dir().resolve("go.work").toString(), work, mains);
      dir = Optional.of(w.dir());
    } else {
      GoModSources.ModuleUnit m = (GoModSources.ModuleUnit) unit;
      GoModFile file = GoModParser.parse(m.name(), m.text());
      mains.put(m.name(), file);
      replacements = Replacements.of(m.name(), file);
      dir = m.dir();
    }
    boolean modern =
        unit instanceof GoModSources.WorkspaceUnit
            || mains.values().stream().allMatch(GoModFile::prunesModuleGraph);
    if (!withDeps && (modern || graph.isEmpty())) {
      List<String> notes =
          modern
              ? List.of()
              : List.of(
                  "go line older than 1.17: the go command downloads the whole build list;"
                      + " without an upstream only the requirements are requested");
      return new Plan(
          MainRequirements.fetched(MainRequirements.resolve(mains, replacements)), notes);
    }
    if (graph.isEmpty()) {
      throw new InvalidInputException("--with-deps needs an upstream to read go.mod files from");
    }
    ModuleGraph.Graph g = graph.get().load(mains, replacements, local(dir));
    List<String> notes = new java.util.ArrayList<>(g.problems());
    if (g.truncated()) {
      notes.add("module graph truncated at its bounds: requests are incomplete");
    }
    return new Plan(withDeps ? g.everything() : g.zips(), notes);
  }

  /**
   * What a unit asks for.
   *
   * @param refs the versions to request, in order
   */
  public record Plan(List<ModuleRef> refs, List<String> notes) {}

  private static ModuleGraph.LocalGoMod local(Optional<Path> unitDir) {
    return declared -> {
      if (unitDir.isEmpty()) {
        return Optional.empty();
      }
      Path declaredIn = Path.of(declared.file()).toAbsolutePath().getParent();
      Path goMod = declaredIn.resolve(declared.replace().newPath()).normalize().resolve("go.mod");
      try {
        return Optional.of(Files.readString(goMod, StandardCharsets.UTF_8));
      } catch (IOException e) {
        return Optional.empty();
      }
    };
  }

  private static String read(Path goMod, String workFile) {
    try {
      return Files.readString(goMod, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new InvalidInputException(
          workFile + ": cannot read " + goMod + " of a use directive: " + e.getMessage());
    }
  }
}
