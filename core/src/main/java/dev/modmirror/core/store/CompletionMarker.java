package dev.modmirror.core.store;

import java.util.Objects;

/**
 * What a store's {@code .info} of one version says: the version is not complete, or complete with
 * recorded hashes, or complete without them (written by an older release or by another tool).
 */
public sealed interface CompletionMarker {

  /** No {@code .info}: the version is not complete (objects of an unfinished save may exist). */
  record Missing() implements CompletionMarker {}

  /** The {@code .info} exists and records the hashes the version was stored with. */
  record Recorded(VersionHashes hashes) implements CompletionMarker {
    public Recorded {
      Objects.requireNonNull(hashes, "hashes");
    }
  }

  /**
   * The {@code .info} exists but records no hashes. Its stored bytes are the only evidence of what
   * the version is: {@link StoredVersions} hashes them and records the result.
   */
  record Unrecorded() implements CompletionMarker {}

  CompletionMarker MISSING = new Missing();
  CompletionMarker UNRECORDED = new Unrecorded();
}
