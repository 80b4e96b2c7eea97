package dev.modmirror.core.module;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modmirror.core.error.InvalidInputException;
import dev.modmirror.core.fuzz.Fuzz;
import dev.modmirror.core.fuzz.Mutator;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Hostile-input properties of {@link ModulePaths#checkPath} and {@link ModulePaths#unescapePath}:
 * they fail only with {@link InvalidInputException}, agree with {@link ModulePaths#isValidPath},
 * and escaping round-trips every path that {@code checkPath} accepts.
 */
class ModulePathsFuzzTest {
  private static final List<String> SEEDS =
      List.of(
          "example.com/a",
          "example.com/a/b/v2",
          "github.com/Azure/azure-sdk-for-go/v68",
          "github.com/!azure/azure-sdk-for-go",
          "gopkg.in/yaml.v3",
          "gopkg.in/check.v1",
          "golang.org/x/mod",
          "k8s.io/client-go",
          "example.com/a~b/c_d-e.f",
          "example.com/!b!u!r!n!t!sushi");

  private static final List<String> FRAGMENTS =
      List.of(
          "/",
          "//",
          ".",
          "..",
          "./",
          "/..",
          "!",
          "!!",
          "!a",
          "!A",
          "~",
          "~1",
          "_",
          "-",
          "+",
          "@",
          ":",
          "\\",
          "\u0000",
          " ",
          "\t",
          "A",
          "Z",
          "\u00e9",
          "\u212a",
          "\ud800",
          "\udfff",
          "/v0",
          "/v1",
          "/v2",
          "/v01",
          ".v0",
          ".v1",
          ".v2",
          "gopkg.in/",
          "CON",
          "com1",
          "LPT9",
          "aux.",
          ".git",
          "example.com",
          "ex-",
          "-ex",
          "\"",
          "%",
          "*");

  @Test
  void checkPathFailsOnlyWithInvalidInput() {
    Fuzz.run(
        "paths-check",
        4000,
        seed -> {
          String path = input(seed);
          boolean valid = ModulePaths.isValidPath(path);
          try {
            ModulePaths.checkPath(path);
            assertThat(valid).as("isValidPath(%s)", path).isTrue();
            assertThat(ModulePaths.unescapePath(ModulePaths.escapePath(path))).isEqualTo(path);
          } catch (InvalidInputException e) {
            assertThat(valid).as("isValidPath(%s)", path).isFalse();
            assertThat(e.getMessage()).startsWith("malformed module path ");
          }
        });
  }

  @Test
  void unescapePathFailsOnlyWithInvalidInput() {
    Fuzz.run(
        "paths-unescape",
        4000,
        seed -> {
          String escaped = input(seed);
          try {
            String path = ModulePaths.unescapePath(escaped);
            assertThat(ModulePaths.isValidPath(path)).as("unescaped %s", path).isTrue();
            assertThat(ModulePaths.escapePath(path)).isEqualTo(escaped);
          } catch (InvalidInputException e) {
            assertThat(e.getMessage()).startsWith("invalid escaped module path ");
          }
        });
  }

  private static String input(long seed) {
    Mutator m = new Mutator(seed);
    return switch (m.below(4)) {
      case 0 -> m.text(40);
      case 1 -> m.soup(FRAGMENTS, "abcxyz019.-_~/!ABZ", 10);
      default -> m.mutate(m.pick(SEEDS), FRAGMENTS, SEEDS, 4);
    };
  }
}
