package dev.modmirror.core.zip;

import dev.modmirror.core.error.InvalidInputException;

/** A module zip broke a named rule; nothing of it may be stored. */
public final class ZipRuleException extends InvalidInputException {
  private static final long serialVersionUID = 1L;
  private final String rule;

  public ZipRuleException(String rule, String message, String module, String version) {
    super("zip rule " + rule + ": " + message, module, version);
    this.rule = rule;
  }

  /** A short stable rule name, e.g. {@code wrong-prefix}, {@code case-collision}. */
  public String rule() {
    return rule;
  }
}
