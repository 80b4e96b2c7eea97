package dev.modmirror.core.sumdb;

import dev.modmirror.core.sumdb.SumDbException.Rule;

/**
 * A tree head: the log's size and root hash, as signed in {@code go.sum database tree\nN\nhash\n}.
 *
 * @param n the number of records
 * @param hash the root hash ({@link TlogHash#ZERO} for the empty tree)
 */
public record Tree(long n, TlogHash hash) {
  private static final String HEADER = "go.sum database tree";

  /** The empty tree that every client starts from. */
  public static final Tree EMPTY = new Tree(0, TlogHash.ZERO);

  public Tree {
    if (n < 0 || hash == null) {
      throw new IllegalArgumentException("invalid tree " + n);
    }
  }

  /**
   * Parses a tree note's text; extra lines after the hash are ignored, as upstream does for forward
   * compatibility.
   *
   * @throws SumDbException (malformed response) on any other deviation
   */
  public static Tree parse(String text) {
    String[] f = text.split("\n", 4);
    if (f.length < 4 || !f[0].equals(HEADER) || !f[1].matches("[0-9]{1,19}")) {
      throw new SumDbException(Rule.MALFORMED_RESPONSE, "malformed tree note: " + text);
    }
    long n;
    try {
      n = Long.parseLong(f[1]);
    } catch (NumberFormatException e) {
      throw new SumDbException(Rule.MALFORMED_RESPONSE, "malformed tree note: " + text);
    }
    return new Tree(n, TlogHash.parse(f[2]));
  }

  /** The text that a checksum database signs for this tree. */
  public String format() {
    return HEADER + "\n" + n + "\n" + hash + "\n";
  }
}
