package dev.modmirror.core.event;

/** Where a request to warm a module version came from. */
public enum RequestSource {
  /** A requirement read from a go.mod file. */
  GOMOD,
  /** A new version seen in the index.golang.org feed. */
  INDEX,
  /** A repository push or tag webhook. */
  WEBHOOK,
  /** The nightly popularity or configured prefetch list. */
  POPULAR,
  /** Demand counted from a proxy's access log. */
  DEMAND,
  /** An operator's explicit request. */
  MANUAL
}
