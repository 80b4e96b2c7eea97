package dev.modmirror.core.sumdb;

import dev.modmirror.core.sumdb.SumDbException.Rule;
import java.nio.charset.StandardCharsets;

/**
 * A tree head: the log's size and root hash, as signed in {@code go.sum database tree\nN\nhash\n}.
 *
 * @param n the number of records
 * @param hash the root hash ({@link TlogHash#ZERO} for the empty tree)
 */
public record Tree(long n, TlogHash hash) {
  private static final String HEADER = "go.sum database tree";
  private static final int MAX_NOTE = 1_000_000;

  /** The empty tree that every client starts from. */
  public static final Tree EMPTY = new Tree(0, TlogHash.ZERO);

  public Tree {
    if (n < 0 || hash == null) {
      throw new IllegalArgumentException("invalid tree " + n);
    }
  }

  /**
   * Parses a tree note's text as x/mod's {@code tlog.ParseTree}: the header line, the size in
   * canonical decimal (no sign, no leading zeros), the base64 root hash; extra lines after the hash
   * are ignored for forward compatibility; at most 1,000,000 bytes.
   *
   * @throws SumDbException (malformed response) on any other deviation
   */
  public static Tree parse(String text) {
    if (!text.startsWith(HEADER + "\n")
        || text.chars().filter(c -> c == '\n').count() < 3
        || text.getBytes(StandardCharsets.UTF_8).length > MAX_NOTE) {
      throw malformed(text);
    }
    String[] f = text.split("\n", 4);
    if (!f[1].matches("0|[1-9][0-9]{0,18}")) {
      throw malformed(text);
    }
    long n;
    try {
      n = Long.parseLong(f[1]);
    } catch (NumberFormatException e) {
      throw malformed(text);
    }
    try {
      return new Tree(n, TlogHash.parse(f[2]));
    } catch (SumDbException e) {
      throw malformed(text);
    }
  }

  private static SumDbException malformed(String text) {
    String shown = text.length() > 200 ? text.substring(0, 200) + "…" : text;
    return new SumDbException(Rule.MALFORMED_RESPONSE, "malformed tree note: " + shown);
  }

  /** The text that a checksum database signs for this tree. */
  public String format() {
    return HEADER + "\n" + n + "\n" + hash + "\n";
  }
}
