package dev.modmirror.core.gomod;

import dev.modmirror.core.error.InvalidInputException;
import dev.modmirror.core.module.ModulePath;
import dev.modmirror.core.module.ModuleRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Parses go.mod files.
 *
 * <p>FOUNDATION VERSION: module and require only; the protocol work owns the whole grammar.
 */
public final class GoModParser {
  private GoModParser() {}

  /**
   * @param fileName named in error messages
   * @throws GoModSyntaxException naming file, line and column of the first error
   */
  public static GoModFile parse(String fileName, String text) {
    Optional<ModulePath> module = Optional.empty();
    List<Requirement> reqs = new ArrayList<>();
    boolean inRequire = false;
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String raw = lines[i];
      int comment = raw.indexOf("//");
      String code = (comment >= 0 ? raw.substring(0, comment) : raw).trim();
      boolean indirect = comment >= 0 && raw.substring(comment + 2).trim().startsWith("indirect");
      if (code.isEmpty()) {
        continue;
      }
      String[] f = code.split("\\s+");
      try {
        if (inRequire) {
          if (f[0].equals(")")) {
            inRequire = false;
          } else {
            reqs.add(new Requirement(ModuleRef.of(unquote(f[0]), f[1]), indirect, i + 1));
          }
        } else if (f[0].equals("module")) {
          module = Optional.of(ModulePath.of(unquote(f[1])));
        } else if (f[0].equals("require") && f.length == 2 && f[1].equals("(")) {
          inRequire = true;
        } else if (f[0].equals("require")) {
          reqs.add(new Requirement(ModuleRef.of(unquote(f[1]), f[2]), indirect, i + 1));
        }
      } catch (InvalidInputException | ArrayIndexOutOfBoundsException e) {
        throw new GoModSyntaxException(fileName, i + 1, 1, e.getMessage());
      }
    }
    return new GoModFile(module, reqs);
  }

  private static String unquote(String s) {
    return s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"")
        ? s.substring(1, s.length() - 1)
        : s;
  }
}
