package dev.modmirror.core.gomod;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modmirror.core.error.InvalidInputException;
import dev.modmirror.core.module.ModuleRef;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** A .mod must declare the path it was fetched for (cmd/go goModSummary). */
class GoModCheckTest {
  private static void check(String mod, String path, String version) {
    GoModCheck.check(mod.getBytes(StandardCharsets.UTF_8), ModuleRef.of(path, version));
  }

  @Test
  void acceptsTheModulePathItWasFetchedFor() {
    assertThatCode(() -> check("module example.com/m\n\ngo 1.21\n", "example.com/m", "v1.0.0"))
        .doesNotThrowAnyException();
    assertThatCode(() -> check("module \"example.com/m\" // c\n", "example.com/m", "v1.0.0"))
        .doesNotThrowAnyException();
    assertThatCode(
            () -> check("module example.com/m\nfuture directive\n", "example.com/m", "v1.0.0"))
        .doesNotThrowAnyException();
  }

  @Test
  void refusesAModuleLineNamingAnotherPath() {
    assertThatThrownBy(
            () -> check("module example.com/m/v2\n", "example.com/m", "v2.0.0+incompatible"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("module declares its path as example.com/m/v2");
  }

  @Test
  void refusesAMissingOrRepeatedModuleLine() {
    assertThatThrownBy(() -> check("go 1.21\n", "example.com/m", "v1.0.0"))
        .hasMessageContaining("missing module line");
    assertThatThrownBy(
            () -> check("module example.com/m\nmodule example.com/m\n", "example.com/m", "v1.0.0"))
        .isInstanceOf(InvalidInputException.class);
  }
}
