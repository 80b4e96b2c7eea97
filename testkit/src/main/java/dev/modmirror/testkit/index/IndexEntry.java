package dev.modmirror.testkit.index;

import dev.modmirror.core.module.ModuleRef;
import java.time.Instant;
import java.util.Objects;

/**
 * One line of the index feed.
 *
 * @param ref the module version
 * @param timestamp when the index saw it; nanosecond precision is kept
 */
public record IndexEntry(ModuleRef ref, Instant timestamp) {
  public IndexEntry {
    Objects.requireNonNull(ref, "ref");
    Objects.requireNonNull(timestamp, "timestamp");
  }

  public static IndexEntry of(String path, String version, String timestamp) {
    return new IndexEntry(ModuleRef.of(path, version), Instant.parse(timestamp));
  }

  /** The JSON line, as index.golang.org writes it, without the newline. */
  public String toJson() {
    return "{\"Path\":\""
        + ref.path().value()
        + "\",\"Version\":\""
        + ref.version().value()
        + "\",\"Timestamp\":\""
        + Rfc3339.format(timestamp)
        + "\"}";
  }
}
