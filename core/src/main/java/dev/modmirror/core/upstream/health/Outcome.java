package dev.modmirror.core.upstream.health;

/** What one request (or probe) says about the health of the upstream that took it. */
public enum Outcome {
  /** The upstream answered by the protocol: the content, or not-found. */
  ANSWERED,
  /** The upstream is unwell: timeout, refused connection, 5xx, 429, rejected credentials. */
  FAILED,
  /**
   * The answer concerns the module, not the upstream (a body over the size cap, a redirect that is
   * refused): neither a success nor a failure for the breaker or the success ratio.
   */
  INCONCLUSIVE
}
