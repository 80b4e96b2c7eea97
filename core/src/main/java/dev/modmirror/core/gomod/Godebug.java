package dev.modmirror.core.gomod;

import java.util.Objects;

/**
 * One {@code godebug key=value} setting.
 *
 * @param line the 1-based line it was read from
 */
public record Godebug(String key, String value, int line) {
  public Godebug {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(value, "value");
  }
}
