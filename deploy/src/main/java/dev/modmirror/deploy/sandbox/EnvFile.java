package dev.modmirror.deploy.sandbox;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The sandbox's settings as a file that a POSIX shell sources ({@code export NAME='value'} lines)
 * and that {@link #read} reads back, for the tests that start services from it.
 */
public final class EnvFile {
  private static final String EXPORT = "export ";

  private EnvFile() {}

  /** One {@code export NAME='value'} line per variable, in order. */
  static String render(Map<String, String> vars) {
    StringBuilder text = new StringBuilder();
    vars.forEach(
        (name, value) ->
            text.append(EXPORT)
                .append(name)
                .append("='")
                .append(value.replace("'", "'\\''"))
                .append("'\n"));
    return text.toString();
  }

  /**
   * Writes {@code text} readable by the owner only (it holds the buckets' secrets), whole or not at
   * all: a reader waiting for the file never sees half of it.
   */
  static void write(Path file, String text) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path temp = Files.createTempFile(dir, ".sandbox-", ".env");
    try {
      Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException e) {
      // Not a POSIX file system: the directory's own permissions apply.
    }
    Files.writeString(temp, text, StandardCharsets.UTF_8);
    Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  /**
   * Reads a file written by the sandbox.
   *
   * @throws IOException if it cannot be read
   * @throws IllegalArgumentException if a line is not one the sandbox writes
   */
  public static Map<String, String> read(Path file) throws IOException {
    Map<String, String> vars = new LinkedHashMap<>();
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      int eq = line.indexOf('=');
      if (!line.startsWith(EXPORT)
          || eq < 0
          || !line.endsWith("'")
          || line.charAt(eq + 1) != '\'') {
        throw new IllegalArgumentException("not a sandbox env line: " + line);
      }
      vars.put(
          line.substring(EXPORT.length(), eq),
          line.substring(eq + 2, line.length() - 1).replace("'\\''", "'"));
    }
    return vars;
  }
}
