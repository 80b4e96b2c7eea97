package dev.modmirror.core.config;

import dev.modmirror.core.error.InvalidInputException;
import java.util.List;

/** Start-up configuration is invalid; the message lists every problem found, one per line. */
public final class ConfigException extends InvalidInputException {
  private static final long serialVersionUID = 1L;
  private final List<String> problems;

  public ConfigException(List<String> problems) {
    super("invalid configuration:\n  - " + String.join("\n  - ", problems));
    this.problems = List.copyOf(problems);
  }

  public List<String> problems() {
    return problems;
  }
}
