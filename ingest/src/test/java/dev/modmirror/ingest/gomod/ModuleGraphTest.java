package dev.modmirror.ingest.gomod;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modmirror.core.gomod.GoModFile;
import dev.modmirror.core.gomod.GoModParser;
import dev.modmirror.core.gomod.Replacements;
import dev.modmirror.core.module.ModuleRef;
import dev.modmirror.embedded.module.ModuleBuilder;
import dev.modmirror.testkit.memory.InMemoryUpstream;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ModuleGraphTest {
  private final InMemoryUpstream upstream = InMemoryUpstream.create();

  private void mod(String path, String version, String goMod) {
    upstream.add(ModuleBuilder.module(path).version(version).goMod(goMod).build());
  }

  private ModuleGraph.Graph load(String mainText, GraphBounds bounds) {
    GoModFile main = GoModParser.parse("go.mod", mainText);
    return new ModuleGraph(upstream, bounds)
        .load(Map.of("go.mod", main), Replacements.of("go.mod", main), d -> Optional.empty());
  }

  private static ModuleRef ref(String path, String version) {
    return ModuleRef.of(path, version);
  }

  @Test
  void prunedModulesAddTheirRequirementsWithoutReadingThem() {
    mod("example.com/a", "v1.0.0", "module example.com/a\ngo 1.17\nrequire example.com/b v1.1.0\n");
    mod("example.com/b", "v1.0.0", "module example.com/b\ngo 1.17\n");
    ModuleGraph.Graph g =
        load(
            "module m\ngo 1.21\nrequire example.com/a v1.0.0\nrequire example.com/b v1.0.0\n",
            GraphBounds.defaults());
    assertThat(g.goModsRead())
        .containsExactly(ref("example.com/a", "v1.0.0"), ref("example.com/b", "v1.0.0"));
    assertThat(g.buildList())
        .containsExactly(ref("example.com/a", "v1.0.0"), ref("example.com/b", "v1.1.0"));
    assertThat(g.zips()).containsExactlyElementsOf(g.buildList());
  }

  @Test
  void oldModulesAreReadTransitivelyAndCyclesEnd() {
    mod("example.com/a", "v1.0.0", "module example.com/a\nrequire example.com/b v1.0.0\n");
    mod(
        "example.com/b",
        "v1.0.0",
        "module example.com/b\nrequire example.com/a v1.0.0\nrequire example.com/c v1.2.0\n");
    mod("example.com/c", "v1.2.0", "module example.com/c\ngo 1.20\n");
    ModuleGraph.Graph g = load("module m\nrequire example.com/a v1.0.0\n", GraphBounds.defaults());
    assertThat(g.goModsRead())
        .containsExactlyInAnyOrder(
            ref("example.com/a", "v1.0.0"),
            ref("example.com/b", "v1.0.0"),
            ref("example.com/c", "v1.2.0"));
    assertThat(g.truncated()).isFalse();
  }

  @Test
  void exclusionsAndReplacementsBindTheWholeGraph() {
    mod(
        "example.com/a",
        "v1.0.0",
        "module example.com/a\nrequire example.com/b v1.0.0\nrequire example.com/c v1.0.0\n");
    mod("example.com/fork", "v2.0.0+incompatible", "module example.com/fork\n");
    ModuleGraph.Graph g =
        load(
            "module m\nrequire example.com/a v1.0.0\nexclude example.com/b v1.0.0\n"
                + "replace example.com/c => example.com/fork v2.0.0+incompatible\n",
            GraphBounds.defaults());
    assertThat(g.buildList())
        .containsExactly(ref("example.com/a", "v1.0.0"), ref("example.com/c", "v1.0.0"));
    assertThat(g.zips())
        .containsExactly(
            ref("example.com/a", "v1.0.0"), ref("example.com/fork", "v2.0.0+incompatible"));
    assertThat(g.goModsRead()).contains(ref("example.com/fork", "v2.0.0+incompatible"));
  }

  @Test
  void boundsStopTheWalkAndSaySo() {
    for (int i = 0; i < 10; i++) {
      mod(
          "example.com/m" + i,
          "v1.0.0",
          "module example.com/m" + i + "\nrequire example.com/m" + (i + 1) + " v1.0.0\n");
    }
    ModuleGraph.Graph deep =
        load("module m\nrequire example.com/m0 v1.0.0\n", new GraphBounds(3, 100));
    assertThat(deep.truncated()).isTrue();
    assertThat(deep.goModsRead()).hasSize(3);
    ModuleGraph.Graph many =
        load("module m\nrequire example.com/m0 v1.0.0\n", new GraphBounds(100, 5));
    assertThat(many.truncated()).isTrue();
    assertThat(many.goModsRead()).hasSize(5);
  }

  @Test
  void anUnreadableGoModIsAProblemNotACrash() {
    mod("example.com/bad", "v1.0.0", "module example.com/bad\nrequire (\n");
    ModuleGraph.Graph g =
        load(
            "module m\nrequire example.com/bad v1.0.0\nrequire example.com/gone v1.0.0\n",
            GraphBounds.defaults());
    assertThat(g.problems())
        .anyMatch(p -> p.contains("example.com/bad@v1.0.0 go.mod:3:1"))
        .anyMatch(p -> p.contains("example.com/gone@v1.0.0 go.mod: not found upstream"));
    assertThat(g.buildList()).hasSize(2);
  }
}
