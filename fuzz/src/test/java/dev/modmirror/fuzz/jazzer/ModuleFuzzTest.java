package dev.modmirror.fuzz.jazzer;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.modmirror.core.error.InvalidInputException;
import dev.modmirror.core.module.ModulePaths;
import dev.modmirror.core.module.ModuleRef;
import dev.modmirror.core.module.PseudoVersion;
import dev.modmirror.core.module.Semver;
import java.nio.charset.StandardCharsets;

/**
 * Target {@code module}: module paths, versions and {@code path@version} references as requests,
 * feeds and go.mod files name them, escaped and unescaped. Besides refusing only with {@link
 * InvalidInputException}, a checked path must agree with {@code isValidPath} and escape and
 * unescape back to itself.
 */
class ModuleFuzzTest {

  @FuzzTest(maxDuration = Targets.MAX_DURATION)
  void parse(byte[] data) {
    String text = new String(data, StandardCharsets.UTF_8);
    boolean valid = refusedOrNot(() -> ModulePaths.checkPath(text));
    if (valid != ModulePaths.isValidPath(text)) {
      throw new AssertionError("checkPath and isValidPath disagree on " + quoted(text));
    }
    if (valid && !ModulePaths.unescapePath(ModulePaths.escapePath(text)).equals(text)) {
      throw new AssertionError("escape/unescape does not round-trip " + quoted(text));
    }
    refusedOrNot(() -> ModulePaths.unescapePath(text));
    refusedOrNot(() -> ModulePaths.unescapeVersion(text));
    refusedOrNot(() -> ModulePaths.checkImportPath(text));
    refusedOrNot(() -> ModulePaths.checkMainModulePath(text));
    refusedOrNot(() -> ModulePaths.checkFilePath(text));
    refusedOrNot(() -> ModuleRef.parse(text));
    refusedOrNot(() -> Semver.checkCanonical(text));
    Semver.parse(text);
    Semver.canonical(text);
    PseudoVersion.parse(text);
    int at = text.indexOf('@');
    if (at >= 0) {
      String path = text.substring(0, at);
      String version = text.substring(at + 1);
      refusedOrNot(() -> ModulePaths.checkPathVersion(path, version));
      refusedOrNot(() -> ModuleRef.of(path, version));
    }
  }

  /** Runs {@code check}: true if it passed, false if it refused with the typed exception. */
  static boolean refusedOrNot(Runnable check) {
    try {
      check.run();
      return true;
    } catch (InvalidInputException refused) {
      return false;
    }
  }

  static String quoted(String text) {
    StringBuilder out = new StringBuilder("\"");
    text.codePoints()
        .forEach(c -> out.append(c < 0x20 || c > 0x7e ? String.format("\\u{%x}", c) : (char) c));
    return out.append('"').toString();
  }
}
