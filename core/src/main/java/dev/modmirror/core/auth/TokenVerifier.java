package dev.modmirror.core.auth;

import java.security.MessageDigest;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Checks a presented token against every stored hash. The code path is the same whatever is
 * presented (nothing, garbage, a well-formed token that is wrong, a valid one): hash the presented
 * text, then compare with every entry in constant time ({@link MessageDigest#isEqual}) without
 * stopping at a match, then classify. Tokens carry no id to look up, so a wrong token and an
 * unknown one are the same case and cannot be told apart by time. The entries can be replaced at
 * any time (a reloaded file). Thread-safe.
 */
public final class TokenVerifier {
  /** How a presented token fared. */
  public enum Result {
    /** A stored hash matched. */
    AUTHENTICATED,
    /** Nothing was presented. */
    MISSING,
    /** Something was presented that is not a bearer token of our shape. */
    MALFORMED,
    /** A well-formed token that matches no stored hash. */
    UNKNOWN
  }

  /**
   * The outcome.
   *
   * @param entry the matching entry when authenticated
   * @param comparisons hashes compared: always the number of entries (tests pin the one path)
   */
  public record Verdict(Result result, Optional<TokenEntry> entry, int comparisons) {
    public Verdict {
      Objects.requireNonNull(result, "result");
      Objects.requireNonNull(entry, "entry");
    }
  }

  private volatile List<TokenEntry> entries;

  public TokenVerifier(List<TokenEntry> entries) {
    this.entries = List.copyOf(entries);
  }

  /** Replaces every entry (a reload); requests in progress finish with the old ones. */
  public void replace(List<TokenEntry> next) {
    this.entries = List.copyOf(next);
  }

  /** How many tokens are stored. */
  public int size() {
    return entries.size();
  }

  /**
   * @param presented the bearer token as sent, or null if none was; {@code bearer} false if an
   *     Authorization header of another scheme was sent
   */
  public Verdict verify(String presented, boolean bearer) {
    byte[] hash = ApiToken.hash(presented);
    List<TokenEntry> current = entries;
    TokenEntry match = null;
    int compared = 0;
    for (TokenEntry e : current) {
      boolean same = MessageDigest.isEqual(e.hashView(), hash);
      compared++;
      match = same && match == null ? e : match;
    }
    Result result;
    if (presented == null && !bearer) {
      result = Result.MISSING;
    } else if (!bearer || !ApiToken.wellFormed(presented)) {
      result = Result.MALFORMED;
    } else {
      result = match == null ? Result.UNKNOWN : Result.AUTHENTICATED;
    }
    return new Verdict(
        result, result == Result.AUTHENTICATED ? Optional.of(match) : Optional.empty(), compared);
  }
}
