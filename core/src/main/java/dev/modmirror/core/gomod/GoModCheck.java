package dev.modmirror.core.gomod;

import dev.modmirror.core.error.InvalidInputException;
import dev.modmirror.core.module.ModuleRef;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The go command's check of a fetched {@code .mod} (cmd/go {@code goModSummary}): it must parse as
 * a dependency's go.mod ({@code modfile.ParseLax}: {@link GoModParser#parseLax}), have a {@code
 * module} line, and that line must name the module path it was fetched for, so a proxy cannot serve
 * {@code m/v2}'s go.mod as {@code m@v2.0.0+incompatible}'s (which {@code go get} refuses: "module
 * declares its path as … but was required as …").
 */
public final class GoModCheck {
  private GoModCheck() {}

  /**
   * @throws InvalidInputException if the file does not parse laxly, has no module line, or names
   *     another path
   */
  public static void check(byte[] mod, ModuleRef ref) {
    String want = ref.path().value();
    Optional<String> declared;
    try {
      declared = GoModParser.parseLax("go.mod", new String(mod, StandardCharsets.UTF_8)).module();
    } catch (InvalidInputException e) {
      throw new InvalidInputException("parsing go.mod: " + e.getMessage(), ref);
    }
    if (declared.isEmpty()) {
      throw new InvalidInputException("parsing go.mod: missing module line", ref);
    }
    if (!declared.get().equals(want)) {
      throw new InvalidInputException(
          "parsing go.mod: module declares its path as "
              + declared.get()
              + " but was required as "
              + want,
          ref);
    }
  }
}
