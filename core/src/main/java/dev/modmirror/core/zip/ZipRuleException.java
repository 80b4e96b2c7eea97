package dev.modmirror.core.zip;

import dev.modmirror.core.error.InvalidInputException;
import java.util.Objects;

/** A module zip broke a {@link ZipRule}; nothing of it may be stored. */
public final class ZipRuleException extends InvalidInputException {
  private static final long serialVersionUID = 1L;
  private final ZipRule rule;

  public ZipRuleException(ZipRule rule, String message, String module, String version) {
    super("zip rule " + rule.id() + ": " + message, module, version);
    this.rule = Objects.requireNonNull(rule, "rule");
  }

  /** The rule broken. */
  public ZipRule rule() {
    return rule;
  }
}
