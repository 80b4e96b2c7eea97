package dev.modmirror.core.gomod;

import dev.modmirror.core.error.InvalidInputException;
import dev.modmirror.core.module.ModulePath;
import dev.modmirror.core.module.ModulePaths;
import dev.modmirror.core.module.ModuleRef;
import dev.modmirror.core.module.ModuleVersion;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Gives each directive line its meaning, with x/mod modfile's strict rules and messages (those it
 * applies to a main module's go.mod). Unknown directives are errors: modmirror reads the go.mod of
 * modules it stores, and a verb the go command would reject there means a broken file.
 */
final class DirectiveReader {
  /** What x/mod ParseLax reads of a dependency's go.mod; every other verb is skipped unread. */
  private static final Set<String> LAX_VERBS =
      Set.of("go", "module", "retract", "require", "ignore");

  /** Module paths the go command reserves (modload CheckReservedModulePath, Go 1.21+). */
  private static final Set<String> RESERVED_MODULE_PATHS = Set.of("go", "toolchain");

  private final String file;
  private final boolean strict;
  private Optional<String> module = Optional.empty();
  private Optional<String> deprecated = Optional.empty();
  private Optional<String> goVersion = Optional.empty();
  private Optional<String> toolchain = Optional.empty();
  private final List<Godebug> godebugs = new ArrayList<>();
  private final List<Requirement> requirements = new ArrayList<>();
  private final List<Exclude> excludes = new ArrayList<>();
  private final List<Replace> replaces = new ArrayList<>();
  private final List<Retract> retracts = new ArrayList<>();
  private final List<Tool> tools = new ArrayList<>();
  private final List<Ignore> ignores = new ArrayList<>();
  private boolean sawModule;

  /**
   * @param strict a main module's go.mod (x/mod Parse); false for a dependency's (ParseLax)
   */
  DirectiveReader(String file, boolean strict) {
    this.file = file;
    this.strict = strict;
  }

  void accept(SyntaxLine line) {
    if (!strict && !LAX_VERBS.contains(line.verb().text())) {
      return;
    }
    switch (line.verb().text()) {
      case "module" -> module(line);
      case "go" -> goVersion = Optional.of(goLine(line));
      case "toolchain" ->
          toolchain = Optional.of(single(line, toolchain, "toolchain", GoVersions::checkToolchain));
      case "godebug" -> godebug(line);
      case "require", "exclude" -> requireOrExclude(line);
      case "replace" -> replaces.add(new ReplaceReader(this, line).read());
      case "retract" -> retract(line);
      case "tool" -> tools.add(new Tool(importPath(oneArg(line, "tool")), line.start().line()));
      case "ignore" -> ignores.add(new Ignore(value(oneArg(line, "ignore")), line.start().line()));
      default -> throw error(line.verb(), "unknown directive: " + line.verb().text());
    }
  }

  GoModFile result() {
    return new GoModFile(
        module,
        deprecated,
        goVersion,
        toolchain,
        godebugs,
        requirements,
        excludes,
        replaces,
        retracts,
        tools,
        ignores);
  }

  private void module(SyntaxLine line) {
    if (sawModule) {
      throw error(line.verb(), "repeated module statement");
    }
    sawModule = true;
    if (line.args().size() != 1) {
      throw error(line.start(), "usage: module module/path");
    }
    Token arg = line.args().get(0);
    String path = value(arg);
    if (strict) {
      // As the go command checks its main module (modload): a dependency's module line is instead
      // compared with the path it was required by.
      checked(
          arg,
          () -> {
            ModulePaths.checkMainModulePath(path);
            return null;
          });
      if (RESERVED_MODULE_PATHS.contains(path)) {
        throw error(arg, "invalid module path \"" + path + "\": module path is reserved");
      }
    }
    module = Optional.of(path);
    deprecated = Deprecation.of(line.directiveComment());
  }

  private String goLine(SyntaxLine line) {
    String version = single(line, goVersion, "go", this::checkGo);
    return GoVersions.checkGo(version) == null ? version : GoVersions.laxGo(version).orElseThrow();
  }

  /** x/mod GoVersionRE; in lax mode accept what {@link GoVersions#laxGo} cuts. */
  private String checkGo(String version) {
    String reason = GoVersions.checkGo(version);
    if (reason != null && !strict && GoVersions.laxGo(version).isPresent()) {
      return null;
    }
    return reason;
  }

  private void retract(SyntaxLine line) {
    if (strict) {
      retracts.add(new RetractReader(this, line).read());
      return;
    }
    try {
      retracts.add(new RetractReader(this, line).read());
    } catch (GoModSyntaxException e) {
      // x/mod ParseLax drops a dependency's retraction it cannot read: newer syntax may come.
    }
  }

  private String single(
      SyntaxLine line,
      Optional<String> seen,
      String verb,
      java.util.function.UnaryOperator<String> check) {
    if (seen.isPresent()) {
      throw error(line.verb(), "repeated " + verb + " statement");
    }
    if (line.args().size() != 1) {
      throw error(line.start(), verb + " directive expects exactly one argument");
    }
    Token arg = line.args().get(0);
    String reason = check.apply(arg.text());
    if (reason != null) {
      throw error(arg, reason);
    }
    return arg.text();
  }

  private void godebug(SyntaxLine line) {
    String text = line.args().size() == 1 ? line.args().get(0).text() : "";
    int eq = text.indexOf('=');
    if (line.args().size() != 1 || eq < 0 || text.chars().anyMatch(c -> "\"`',".indexOf(c) >= 0)) {
      throw error(line.start(), "usage: godebug key=value");
    }
    godebugs.add(new Godebug(text.substring(0, eq), text.substring(eq + 1), line.start().line()));
  }

  private void requireOrExclude(SyntaxLine line) {
    String verb = line.verb().text();
    if (line.args().size() != 2) {
      throw error(line.start(), "usage: " + verb + " module/path v1.2.3");
    }
    ModulePath path = modulePath(line.args().get(0));
    ModuleVersion version = version(line.args().get(1), path.value());
    ModuleRef ref = new ModuleRef(path, version);
    if (verb.equals("require")) {
      requirements.add(new Requirement(ref, isIndirect(line.suffix()), line.start().line()));
    } else {
      excludes.add(new Exclude(ref, line.start().line()));
    }
  }

  /**
   * x/mod isIndirect: the suffix comment is exactly {@code indirect} or starts {@code indirect;}.
   */
  static boolean isIndirect(String suffix) {
    if (suffix == null) {
      return false;
    }
    String text = suffix.strip();
    int space = 0;
    while (space < text.length() && !Character.isWhitespace(text.charAt(space))) {
      space++;
    }
    String first = text.substring(0, space);
    boolean more = space < text.length();
    return (!more && first.equals("indirect")) || (more && first.equals("indirect;"));
  }

  ModulePath modulePath(Token arg) {
    return checked(arg, () -> ModulePath.of(value(arg)));
  }

  /** A version, canonicalized as x/mod does, that fits the major version of {@code path}. */
  ModuleVersion version(Token arg, String path) {
    String text = value(arg);
    String canonical =
        dev.modmirror.core.module.Semver.canonical(text)
            .orElseThrow(
                () -> error(arg, "version \"" + text + "\" invalid: must be of the form v1.2.3"));
    ModuleVersion v = checked(arg, () -> ModuleVersion.of(canonical));
    String pathMajor = ModulePaths.splitPathVersion(path).orElseThrow().pathMajor();
    checked(
        arg,
        () -> {
          ModulePaths.checkPathMajor(canonical, pathMajor);
          return null;
        });
    return v;
  }

  Token oneArg(SyntaxLine line, String verb) {
    if (line.args().size() != 1) {
      throw error(line.start(), verb + " directive expects exactly one argument");
    }
    return line.args().get(0);
  }

  private String importPath(Token arg) {
    String path = value(arg);
    return checked(
        arg,
        () -> {
          ModulePaths.checkImportPath(path);
          return path;
        });
  }

  String value(Token arg) {
    if (!arg.is(TokenKind.IDENT) && !arg.is(TokenKind.STRING)) {
      throw error(arg, "unexpected " + arg.describe() + ": expected a path or version");
    }
    try {
      return GoStrings.value(arg);
    } catch (IllegalArgumentException e) {
      throw error(arg, "invalid quoted string: " + e.getMessage());
    }
  }

  <T> T checked(Token at, java.util.function.Supplier<T> check) {
    try {
      return check.get();
    } catch (GoModSyntaxException e) {
      throw e;
    } catch (InvalidInputException e) {
      throw error(at, e.getMessage());
    }
  }

  GoModSyntaxException error(Token at, String message) {
    return new GoModSyntaxException(file, at.line(), at.column(), message);
  }
}
