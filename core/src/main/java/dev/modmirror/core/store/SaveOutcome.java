package dev.modmirror.core.store;

import dev.modmirror.core.module.ModuleRef;
import java.util.Objects;
import java.util.Set;

/**
 * What {@link ModuleStore#save} (or {@link ModuleStore#repair}) did with one version. Callers
 * decide on the type, never on a message: a {@link Complete} outcome means the store holds the
 * version whole with the returned hashes; a {@link Conflict} means it holds, or is being given,
 * other bytes and nothing of the offered ones was written.
 */
public sealed interface SaveOutcome {

  /** The version saved. */
  ModuleRef ref();

  /** The store holds the version whole, {@code .info} included, with {@link #hashes()}. */
  sealed interface Complete extends SaveOutcome {
    /** The hashes recorded with the version, equal to the offered ones. */
    VersionHashes hashes();

    /**
     * Whether {@code @v/list} named the version when the save returned. False only if the list
     * could not be rebuilt: the version is complete all the same, and only the list needs another
     * {@link ModuleStore#rebuildList}.
     */
    boolean listed();
  }

  /** All three files were written now, {@code .info} last, with the offered hashes recorded. */
  record Stored(ModuleRef ref, VersionHashes hashes, boolean listed) implements Complete {
    public Stored {
      Objects.requireNonNull(ref, "ref");
      Objects.requireNonNull(hashes, "hashes");
    }
  }

  /**
   * The version was already complete with the same hashes, and its files were all there: nothing of
   * it was written (at most its list, and its copy in another reader's layout enabled since).
   */
  record AlreadyPresent(ModuleRef ref, VersionHashes hashes, boolean listed) implements Complete {
    public AlreadyPresent {
      Objects.requireNonNull(ref, "ref");
      Objects.requireNonNull(hashes, "hashes");
    }
  }

  /**
   * The version was complete with the same hashes but some of its files were missing or damaged;
   * those were rewritten from the offered bytes, which hash to the recorded hashes.
   *
   * @param rewritten the artifacts written again; never {@link Artifact#INFO}
   */
  record Repaired(ModuleRef ref, VersionHashes hashes, Set<Artifact> rewritten, boolean listed)
      implements Complete {
    public Repaired {
      Objects.requireNonNull(ref, "ref");
      Objects.requireNonNull(hashes, "hashes");
      rewritten = Set.copyOf(rewritten);
      if (rewritten.isEmpty() || rewritten.contains(Artifact.INFO)) {
        throw new IllegalArgumentException("a repair rewrites .mod or .zip, never .info");
      }
    }
  }

  /**
   * The store already holds other hashes for the version and nothing of the offered bytes was
   * written. A version is immutable: this is recorded and alerted on, never resolved by writing.
   *
   * @param stored the hashes the store holds: recorded with its {@code .info}, or, for a version
   *     that is not complete yet, by the save that began it
   * @param offered the hashes of the refused bytes
   * @param complete whether the stored version is complete ({@code .info} exists)
   */
  record Conflict(ModuleRef ref, VersionHashes stored, VersionHashes offered, boolean complete)
      implements SaveOutcome {
    public Conflict {
      Objects.requireNonNull(ref, "ref");
      Objects.requireNonNull(stored, "stored");
      Objects.requireNonNull(offered, "offered");
      if (stored.equals(offered)) {
        throw new IllegalArgumentException("a conflict needs two different hash pairs");
      }
    }
  }
}
