package dev.modmirror.core.sumdb;

import dev.modmirror.core.error.InvalidInputException;

/**
 * A checksum database answer (or a key, or a hash we computed) that breaks a rule of the go
 * command's trust model. Never retried: a database that lies once is not asked again.
 */
public class SumDbException extends InvalidInputException {
  private static final long serialVersionUID = 1L;

  /** The rule that was broken; stable names for metrics and failure events. */
  public enum Rule {
    /** A verifier key that is not {@code name+hash+base64(0x01 + 32 bytes)} or whose hash lies. */
    MALFORMED_KEY("sumdb-malformed-key"),
    /** A signed note or a record, tree or tile answer that does not parse. */
    MALFORMED_RESPONSE("sumdb-malformed-response"),
    /** A note signed by no key we trust. */
    UNKNOWN_KEY("sumdb-unknown-key"),
    /** A note whose signature by a trusted key does not verify. */
    BAD_SIGNATURE("sumdb-bad-signature"),
    /** Tiles that do not hash to the signed tree head. */
    INCONSISTENT_TILE("sumdb-inconsistent-tile"),
    /** A record that the signed tree does not contain at the index the database claimed. */
    RECORD_NOT_IN_TREE("sumdb-record-not-in-tree"),
    /** Two signed tree heads that cannot both be true: the database forked its history. */
    FORK("sumdb-fork"),
    /** A record that lacks the lines for the module version asked for. */
    WRONG_RECORD("sumdb-wrong-record"),
    /** The h1 we computed differs from the one the checksum database holds. */
    HASH_MISMATCH("sumdb-hash-mismatch");

    private final String id;

    Rule(String id) {
      this.id = id;
    }

    /** The stable rule name, such as {@code sumdb-fork}. */
    public String id() {
      return id;
    }
  }

  private final Rule rule;

  public SumDbException(Rule rule, String message, String module, String version) {
    super(rule.id() + ": " + message, module, version, null);
    this.rule = rule;
  }

  public SumDbException(Rule rule, String message) {
    this(rule, message, null, null);
  }

  /** The rule broken. */
  public Rule rule() {
    return rule;
  }
}
