package dev.modmirror.core.event;

/** Why a requested module version was not warmed. */
public enum FailureStatus {
  /** The upstream answered 404 or 410: the version does not exist there. */
  NOT_FOUND,
  /** Fetching or verification failed: a broken zip, a hash mismatch, retries exhausted. */
  FAILED
}
