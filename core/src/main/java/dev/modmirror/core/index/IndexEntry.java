package dev.modmirror.core.index;

import dev.modmirror.core.module.ModuleRef;
import java.time.Instant;
import java.util.Objects;

/**
 * One valid line of the index feed.
 *
 * @param ref the module version (path and version checked)
 * @param timestamp when the index saw it, nanoseconds kept
 */
public record IndexEntry(ModuleRef ref, Instant timestamp) {
  public IndexEntry {
    Objects.requireNonNull(ref, "ref");
    Objects.requireNonNull(timestamp, "timestamp");
  }

  /** The JSON line as index.golang.org writes it, without the newline. */
  public String toJson() {
    return "{\"Path\":\""
        + ref.path().value()
        + "\",\"Version\":\""
        + ref.version().value()
        + "\",\"Timestamp\":\""
        + FeedTime.format(timestamp)
        + "\"}";
  }
}
