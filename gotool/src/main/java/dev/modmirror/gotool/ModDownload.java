package dev.modmirror.gotool;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The JSON that {@code go mod download -json M@V} prints, reduced to the fields tests check.
 *
 * @param path the module path, null if go did not print it
 * @param version the version, null if go did not print it
 * @param sum the zip's h1, null when go failed
 * @param goModSum the go.mod's h1, null when go failed
 * @param error go's error message, null on success
 * @param result the whole command result, for diagnostics
 */
public record ModDownload(
    String path, String version, String sum, String goModSum, String error, GoResult result) {

  /** True when go downloaded and verified the module. */
  public boolean ok() {
    return error == null && sum != null && result.ok();
  }

  /** Parses go's output (a single JSON object for a single argument). */
  static ModDownload parse(GoResult result) {
    return parse(result.stdout(), result);
  }

  /** Parses one JSON object of go's output; {@code result} is the whole command's. */
  static ModDownload parse(String json, GoResult result) {
    String error = field(json, "Error").orElse(null);
    if (error == null && !result.ok()) {
      // go may fail before printing JSON (bad flags, unreachable proxy at list time).
      error = result.stderr().isBlank() ? "go exited with " + result.exitCode() : result.stderr();
    }
    return new ModDownload(
        field(json, "Path").orElse(null),
        field(json, "Version").orElse(null),
        field(json, "Sum").orElse(null),
        field(json, "GoModSum").orElse(null),
        error,
        result);
  }

  /**
   * One object of {@code go mod download -json}'s output for several arguments (see {@link
   * #objects}), judged on its own fields: {@link #error()} is null when that module downloaded.
   */
  public static ModDownload parseObject(String json) {
    return parse(json, new GoResult(0, json, ""));
  }

  /** A module go printed nothing for (it failed before, or listed only others). */
  static ModDownload failed(GoResult result) {
    String why = (result.stdout() + result.stderr()).strip();
    return new ModDownload(
        null, null, null, null, why.isEmpty() ? "go printed nothing for it" : why, result);
  }

  /**
   * Splits go's {@code -json} output for several arguments into its objects: go prints each one
   * indented, opening with {@code {} and closing with {@code }} alone on their lines.
   */
  public static List<String> objects(String stdout) {
    List<String> objects = new ArrayList<>();
    StringBuilder current = null;
    for (String line : stdout.split("\n", -1)) {
      if (line.equals("{")) {
        current = new StringBuilder();
      }
      if (current != null) {
        current.append(line).append('\n');
        if (line.equals("}")) {
          objects.add(current.toString());
          current = null;
        }
      }
    }
    return objects;
  }

  /** The string value of a top-level {@code "name": "value"} pair, JSON escapes decoded. */
  static Optional<String> field(String json, String name) {
    Matcher m =
        Pattern.compile("\"" + Pattern.quote(name) + "\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"")
            .matcher(json);
    return m.find() ? Optional.of(unescape(m.group(1))) : Optional.empty();
  }

  /** Decodes the body of a JSON string literal (between its quotes) as go prints it. */
  public static String unescape(String s) {
    StringBuilder out = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c != '\\' || i + 1 == s.length()) {
        out.append(c);
        continue;
      }
      char e = s.charAt(++i);
      switch (e) {
        case 'n' -> out.append('\n');
        case 't' -> out.append('\t');
        case 'r' -> out.append('\r');
        case 'b' -> out.append('\b');
        case 'f' -> out.append('\f');
        case 'u' -> {
          out.append((char) Integer.parseInt(s.substring(i + 1, i + 5), 16));
          i += 4;
        }
        default -> out.append(e);
      }
    }
    return out.toString();
  }
}
