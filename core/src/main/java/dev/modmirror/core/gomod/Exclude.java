package dev.modmirror.core.gomod;

import dev.modmirror.core.module.ModuleRef;
import java.util.Objects;

/**
 * One {@code exclude} line.
 *
 * @param line the 1-based line it was read from
 */
public record Exclude(ModuleRef ref, int line) {
  public Exclude {
    Objects.requireNonNull(ref, "ref");
  }
}
