package dev.modmirror.adapters.streams;

import dev.modmirror.core.dedupe.Decision;
import dev.modmirror.core.event.VersionRequested;

/** Told about every decision of the dedupe stage, for metrics. Must not throw. */
@FunctionalInterface
public interface DedupeListener {
  void decided(VersionRequested request, Decision decision);

  static DedupeListener none() {
    return (r, d) -> {};
  }
}
