package dev.modmirror.core.module;

import dev.modmirror.core.error.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks a {@code .info} file ({@code {"Version":"v1.2.3","Time":"…"}}) from an upstream: it must
 * be a JSON object naming exactly the version that was asked for, so a proxy cannot make us store
 * one version's metadata under another's name.
 */
public final class InfoFile {
  // Bounded, possessive quantifiers: no backtracking on hostile input.
  private static final Pattern VERSION =
      Pattern.compile("\"Version\"\\s*+:\\s*+\"([^\"\\\\]{1,200}+)\"");
  private static final int MAX_BYTES = 1 << 16;

  private InfoFile() {}

  /**
   * @throws InvalidInputException if the file is too large, not a JSON object, or names another
   *     version
   */
  public static void check(byte[] info, ModuleRef ref) {
    String module = ref.path().value();
    String version = ref.version().value();
    if (info.length > MAX_BYTES) {
      throw new InvalidInputException(
          ".info is " + info.length + " bytes, over " + MAX_BYTES, module, version);
    }
    String text = new String(info, StandardCharsets.UTF_8).strip();
    if (!text.startsWith("{") || !text.endsWith("}")) {
      throw new InvalidInputException(".info is not a JSON object", module, version);
    }
    Matcher m = VERSION.matcher(text);
    if (!m.find()) {
      throw new InvalidInputException(".info has no Version field", module, version);
    }
    if (!m.group(1).equals(version)) {
      throw new InvalidInputException(
          ".info names version " + m.group(1) + ", not " + version, module, version);
    }
  }
}
