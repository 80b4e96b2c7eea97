package dev.modmirror.core.gomod;

import dev.modmirror.core.error.InvalidInputException;
import dev.modmirror.core.module.ModulePath;
import dev.modmirror.core.module.ModuleRef;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The go command's check of a fetched {@code .mod} (cmd/go {@code goModSummary}): it must have a
 * {@code module} line, and that line must name the module path it was fetched for, so a proxy
 * cannot serve {@code m/v2}'s go.mod as {@code m@v2.0.0+incompatible}'s (which {@code go get}
 * refuses: "module declares its path as … but was required as …").
 *
 * <p>cmd/go reads such files with {@code modfile.ParseLax}; ours is the strict parser, so where it
 * fails the module line is found by a plain line scan and only that line is judged: a {@code .mod}
 * that the lax parser would refuse for another reason is not refused here (docs/verification.md).
 */
public final class GoModCheck {
  private GoModCheck() {}

  /**
   * @throws InvalidInputException if the file has no module line or it names another path
   */
  public static void check(byte[] mod, ModuleRef ref) {
    String want = ref.path().value();
    Optional<String> declared;
    try {
      declared = modulePath(new String(mod, StandardCharsets.UTF_8));
    } catch (InvalidInputException e) {
      throw new InvalidInputException(e.getMessage(), ref);
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

  private static Optional<String> modulePath(String text) {
    try {
      return GoModParser.parse("go.mod", text).module().map(ModulePath::value);
    } catch (InvalidInputException e) {
      return scan(text);
    }
  }

  /**
   * The {@code module} line's path, read without the rest of the grammar; a second module line is
   * an error in the lax parser too.
   */
  private static Optional<String> scan(String text) {
    Optional<String> found = Optional.empty();
    for (String line : text.split("\n", -1)) {
      String t = line.strip();
      int comment = t.indexOf("//");
      if (comment >= 0) {
        t = t.substring(0, comment).strip();
      }
      if (t.startsWith("module") && t.length() > 6 && Character.isWhitespace(t.charAt(6))) {
        String path = t.substring(7).strip();
        if (path.length() >= 2 && path.startsWith("\"") && path.endsWith("\"")) {
          path = path.substring(1, path.length() - 1);
        }
        if (found.isPresent()) {
          throw new InvalidInputException("parsing go.mod: repeated module statement");
        }
        found = Optional.of(path);
      }
    }
    return found;
  }
}
