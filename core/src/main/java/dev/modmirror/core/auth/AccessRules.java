package dev.modmirror.core.auth;

import dev.modmirror.core.module.ModulePath;
import dev.modmirror.core.module.PrefixPatterns;
import java.util.List;
import java.util.function.Predicate;

/**
 * The decision for one request: who presented what ({@link TokenVerifier.Verdict}), which role the
 * action needs, and which modules it concerns. A token bound to module globs may act only on
 * modules they match, private ones included; a token without globs may act on every public module
 * and on no private one, so private modules reach only tokens that were given them by name.
 */
public final class AccessRules {
  /** What to do with the request, and the status and reason label of a refusal. */
  public enum Decision {
    ALLOW(200, "allowed"),
    MISSING(401, "missing"),
    MALFORMED(401, "malformed"),
    UNKNOWN(401, "unknown"),
    ROLE(403, "role"),
    MODULE(403, "module");

    private final int status;
    private final String reason;

    Decision(int status, String reason) {
      this.status = status;
      this.reason = reason;
    }

    /** 200 for allowed, 401 for no usable token, 403 for a token that may not do this. */
    public int status() {
      return status;
    }

    /** The {@code reason} label of the denial counter and log line. */
    public String reason() {
      return reason;
    }
  }

  private final Predicate<ModulePath> isPrivate;

  /**
   * @param isPrivate which modules are private (GOPRIVATE/GONOPROXY)
   */
  public AccessRules(Predicate<ModulePath> isPrivate) {
    this.isPrivate = isPrivate;
  }

  public Decision decide(TokenVerifier.Verdict verdict, Role required, List<ModulePath> modules) {
    switch (verdict.result()) {
      case MISSING:
        return Decision.MISSING;
      case MALFORMED:
        return Decision.MALFORMED;
      case UNKNOWN:
        return Decision.UNKNOWN;
      default:
        break;
    }
    TokenEntry token = verdict.entry().orElseThrow();
    if (!token.role().includes(required)) {
      return Decision.ROLE;
    }
    for (ModulePath m : modules) {
      if (!allowed(token, m)) {
        return Decision.MODULE;
      }
    }
    return Decision.ALLOW;
  }

  private boolean allowed(TokenEntry token, ModulePath module) {
    return token.modules().isEmpty()
        ? !isPrivate.test(module)
        : PrefixPatterns.matches(token.modules(), module.value());
  }
}
