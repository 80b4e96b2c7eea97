package dev.modmirror.core.upstream;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modmirror.core.error.NotFoundException;
import dev.modmirror.core.module.ModulePath;
import dev.modmirror.core.module.ModuleRef;
import dev.modmirror.core.module.ModuleVersion;
import dev.modmirror.core.store.Artifact;
import java.io.InputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The port's one default: an upstream that cannot answer {@code @latest} says it does not know. */
class UpstreamDefaultsTest {
  @Test
  void anUpstreamWithoutLatestIsNotFoundNamingItselfAndTheModule() {
    Upstream upstream =
        new Upstream() {
          @Override
          public InputStream open(ModuleRef ref, Artifact artifact) {
            throw new AssertionError();
          }

          @Override
          public List<ModuleVersion> list(ModulePath path) {
            throw new AssertionError();
          }

          @Override
          public String describe() {
            return "file:///mirror";
          }
        };
    assertThatThrownBy(() -> upstream.latest(ModulePath.of("example.com/m")))
        .isInstanceOfSatisfying(
            NotFoundException.class,
            e -> {
              org.assertj.core.api.Assertions.assertThat(e.absence())
                  .isEqualTo(NotFoundException.Absence.MISSING);
              org.assertj.core.api.Assertions.assertThat(e.module()).contains("example.com/m");
              org.assertj.core.api.Assertions.assertThat(e.version()).isEmpty();
            })
        .hasMessage("file:///mirror serves no @latest");
  }
}
