package dev.modmirror.core.event;

/** Why a requested module version was not warmed. */
public enum FailureStatus {
  /** The upstream answered 404 or 410: the version does not exist there. */
  NOT_FOUND,
  /**
   * The module matches GONOPROXY/GOPRIVATE: the go command fetches it directly from its VCS, so
   * modmirror deliberately does not mirror it.
   */
  PRIVATE,
  /** Fetching or verification failed: a broken zip, a hash mismatch, retries exhausted. */
  FAILED,
  /**
   * The primary bucket already holds other bytes for this version (complete, or claimed by an
   * unfinished save), and the upstream's were refused: nothing of them was written. A {@link
   * VersionConflict} names both hash pairs.
   */
  CONFLICT
}
