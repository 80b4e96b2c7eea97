package dev.modmirror.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modmirror.core.module.ModuleVersion;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;

class ListRebuildTest {
  private static final ModuleVersion V1 = ModuleVersion.of("v1.0.0");
  private static final ModuleVersion V2 = ModuleVersion.of("v1.1.0");

  @Test
  void rewritesWhenAnotherWritersVersionAppearedMeanwhile() {
    // The first listing is stale: another warmer's .info landed between it and our write.
    Deque<List<ModuleVersion>> listings = new ArrayDeque<>(List.of(List.of(V1), List.of(V1, V2)));
    List<List<ModuleVersion>> writes = new ArrayList<>();

    boolean converged =
        ListRebuild.converge(
            () -> listings.size() > 1 ? listings.poll() : listings.peek(), writes::add, 5);

    assertThat(converged).isTrue();
    assertThat(writes).containsExactly(List.of(V1), List.of(V1, V2));
  }

  @Test
  void writesOnceWhenNothingChanged() {
    List<List<ModuleVersion>> writes = new ArrayList<>();

    assertThat(ListRebuild.converge(() -> List.of(V1), writes::add, 5)).isTrue();
    assertThat(writes).containsExactly(List.of(V1));
  }

  @Test
  void givesUpAfterTheBoundWhileVersionsKeepArriving() {
    List<ModuleVersion> growing = new ArrayList<>();
    List<List<ModuleVersion>> writes = new ArrayList<>();

    boolean converged =
        ListRebuild.converge(
            () -> {
              growing.add(ModuleVersion.of("v1." + growing.size() + ".0"));
              return List.copyOf(growing);
            },
            writes::add,
            3);

    assertThat(converged).isFalse();
    assertThat(writes).hasSize(3);
  }
}
