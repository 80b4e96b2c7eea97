package dev.modmirror.core.gomod;

import dev.modmirror.core.module.ModuleRef;
import java.util.Objects;

/**
 * One {@code require} line.
 *
 * @param indirect true when marked {@code // indirect}
 * @param line the 1-based line it was read from
 */
public record Requirement(ModuleRef ref, boolean indirect, int line) {
  public Requirement {
    Objects.requireNonNull(ref, "ref");
  }
}
