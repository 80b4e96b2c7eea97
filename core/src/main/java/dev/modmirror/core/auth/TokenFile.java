package dev.modmirror.core.auth;

import dev.modmirror.core.error.InvalidInputException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/**
 * The token file: one token per line, {@code <id> <role> sha256:<64 hex digits> [<module globs>]},
 * blank lines and {@code #} comments ignored. It holds hashes only, so it can be mounted from a
 * Kubernetes Secret and read by every replica; {@code modmirror token create} appends to it.
 *
 * <pre>
 * # id        role       hash                 modules (optional)
 * ci-bot      developer  sha256:9f86d08…
 * corp-read   reader     sha256:2c26b46…      git.corp.example,example.com/team
 * </pre>
 */
public final class TokenFile {
  private TokenFile() {}

  /**
   * @throws InvalidInputException naming every bad line by number (hashes are not repeated)
   */
  public static List<TokenEntry> parse(String content) {
    List<TokenEntry> entries = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    String[] lines = content.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      try {
        TokenEntry e = entry(line);
        if (!ids.add(e.id())) {
          throw new InvalidInputException("token id " + e.id() + " appears twice");
        }
        entries.add(e);
      } catch (InvalidInputException e) {
        problems.add("line " + (i + 1) + ": " + e.getMessage());
      }
    }
    if (!problems.isEmpty()) {
      throw new InvalidInputException("invalid token file: " + String.join("; ", problems));
    }
    return List.copyOf(entries);
  }

  /** The line for an entry, as {@link #parse} reads it. */
  public static String line(TokenEntry e) {
    return e.id()
        + " "
        + e.role().label()
        + " "
        + ApiToken.stored(e.hash())
        + (e.modules().isEmpty() ? "" : " " + e.modules());
  }

  private static TokenEntry entry(String line) {
    String[] f = line.split("\\s+");
    if (f.length < 3 || f.length > 4) {
      throw new InvalidInputException("expected: <id> <role> sha256:<hex> [<modules>]");
    }
    if (!f[2].startsWith("sha256:") || f[2].length() != "sha256:".length() + 64) {
      throw new InvalidInputException("the hash must be sha256: and 64 hex digits");
    }
    byte[] hash;
    try {
      hash = HexFormat.of().parseHex(f[2].substring("sha256:".length()));
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException("the hash must be sha256: and 64 hex digits");
    }
    return new TokenEntry(f[0], Role.parse(f[1]), hash, f.length == 4 ? f[3] : "");
  }
}
