package dev.modmirror.core.gomod;

import dev.modmirror.core.module.ModulePath;
import java.util.List;
import java.util.Optional;

/** Reads {@code replace old [v] => new [v]} with x/mod parseReplace's rules and messages. */
final class ReplaceReader {
  private final DirectiveReader reader;
  private final SyntaxLine line;

  ReplaceReader(DirectiveReader reader, SyntaxLine line) {
    this.reader = reader;
    this.line = line;
  }

  Replace read() {
    List<Token> args = line.args();
    int arrow = args.size() >= 2 && args.get(1).isText("=>") ? 1 : 2;
    if (args.size() < arrow + 2 || args.size() > arrow + 3 || !args.get(arrow).isText("=>")) {
      throw reader.error(
          line.start(),
          "usage: replace module/path [v1.2.3] => other/module v1.4\n"
              + "\t or replace module/path [v1.2.3] => ../local/directory");
    }
    ModulePath oldPath = reader.modulePath(args.get(0));
    Optional<String> oldVersion =
        arrow == 2
            ? Optional.of(reader.version(args.get(1), oldPath.value()).value())
            : Optional.empty();
    Token target = args.get(arrow + 1);
    String newPath = reader.value(target);
    if (args.size() == arrow + 2) {
      checkDirectory(target, newPath);
      return new Replace(
          oldPath.value(), oldVersion, newPath, Optional.empty(), line.start().line());
    }
    if (isDirectoryPath(newPath)) {
      throw reader.error(
          target, "replacement module directory path \"" + newPath + "\" cannot have version");
    }
    ModulePath newModule = reader.modulePath(target);
    String newVersion = reader.version(args.get(arrow + 2), newModule.value()).value();
    return new Replace(
        oldPath.value(),
        oldVersion,
        newModule.value(),
        Optional.of(newVersion),
        line.start().line());
  }

  private void checkDirectory(Token target, String dir) {
    if (!isDirectoryPath(dir)) {
      if (dir.indexOf('@') >= 0) {
        throw reader.error(
            target, "replacement module must match format 'path version', not 'path@version'");
      }
      throw reader.error(
          target,
          "replacement module without version must be directory path"
              + " (rooted or starting with . or ..)");
    }
    // x/mod refuses a directory with a backslash only when it runs on a system other than
    // Windows; modmirror reads go.mod files written on any system, and a local directory is never
    // fetched, so it accepts what the go command accepts on Windows.
  }

  /** x/mod IsDirectoryPath: Unix and Windows forms, since go.mod files travel between systems. */
  static boolean isDirectoryPath(String p) {
    return p.equals(".")
        || p.startsWith("./")
        || p.startsWith(".\\")
        || p.equals("..")
        || p.startsWith("../")
        || p.startsWith("..\\")
        || p.startsWith("/")
        || p.startsWith("\\")
        || (p.length() >= 2 && isAsciiLetter(p.charAt(0)) && p.charAt(1) == ':');
  }

  private static boolean isAsciiLetter(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
  }
}
