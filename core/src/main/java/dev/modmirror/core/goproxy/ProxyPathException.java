package dev.modmirror.core.goproxy;

import dev.modmirror.core.error.InvalidInputException;

/** A request path that names nothing a mirror serves, with the rule it breaks. */
public final class ProxyPathException extends InvalidInputException {
  /** Each way a request path is refused. */
  public enum Rule {
    /** Well formed, but not a GOPROXY or checksum-database path: answered 404. */
    NOT_GOPROXY(404),
    /** Longer than {@link ProxyPath#MAX_RAW_LENGTH}. */
    TOO_LONG(400),
    /** A {@code %} not followed by two hex digits. */
    BAD_ESCAPE(400),
    /** {@code %2F}, {@code %5C} or {@code %25}: an escape that would change the path's shape. */
    ENCODED_SEPARATOR(400),
    /** A raw backslash. */
    BACKSLASH(400),
    /** A control, space or non-ASCII character, raw or escaped. */
    NOT_PRINTABLE_ASCII(400),
    /** A {@code .} or {@code ..} path segment. */
    DOT_SEGMENT(400),
    /** The module breaks the escaped module path rules (including upper case without {@code !}). */
    BAD_MODULE_PATH(400),
    /** The version is not a canonical, correctly escaped semantic version. */
    BAD_VERSION(400),
    /** A {@code /sumdb/} path that no checksum database serves. */
    BAD_SUMDB_PATH(400);

    private final int status;

    Rule(int status) {
      this.status = status;
    }

    /** The HTTP status that answers it: 404 or 400. */
    public int status() {
      return status;
    }

    /** The rule's name in metrics and logs, e.g. {@code dot-segment}. */
    public String id() {
      return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
  }

  private final Rule rule;

  ProxyPathException(Rule rule, String path) {
    super(rule.id() + ": " + ProxyPath.shown(path));
    this.rule = rule;
  }

  ProxyPathException(Rule rule, String path, InvalidInputException cause) {
    super(rule.id() + ": " + ProxyPath.shown(path) + ": " + cause.getMessage(), null, null, cause);
    this.rule = rule;
  }

  public Rule rule() {
    return rule;
  }
}
