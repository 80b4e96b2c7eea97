package dev.modmirror.core.store;

import dev.modmirror.core.module.ModuleRef;
import java.util.Objects;

/**
 * What {@link ModuleStore#save} did with one version. Today a save always stores; conditional
 * writes will add outcomes (the version was already complete with the same bytes, the store holds
 * other bytes for it), so callers decide on the type, never on a message.
 */
public sealed interface SaveOutcome permits SaveOutcome.Stored {

  /** The version saved. */
  ModuleRef ref();

  /** All three files were written, {@code .info} last, and {@code @v/list} names the version. */
  record Stored(ModuleRef ref) implements SaveOutcome {
    public Stored {
      Objects.requireNonNull(ref, "ref");
    }
  }
}
