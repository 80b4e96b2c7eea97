package dev.modmirror.core.index;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One line of the index feed, read: either a valid {@link IndexEntry}, or the reason it is not one.
 * A line whose path or version breaks a rule but whose timestamp is readable still moves the
 * follower's position past it.
 */
public sealed interface IndexLine {

  /** The line's time, if it had a readable one. */
  Optional<Instant> timestamp();

  /** The line's {@code path@version} as written, for de-duplication at page boundaries. */
  String key();

  /** A line that names a valid module version. */
  record Valid(IndexEntry entry) implements IndexLine {
    public Valid {
      Objects.requireNonNull(entry, "entry");
    }

    @Override
    public Optional<Instant> timestamp() {
      return Optional.of(entry.timestamp());
    }

    @Override
    public String key() {
      return entry.ref().key();
    }
  }

  /**
   * A line that is not JSON, lacks a field, or names an invalid path or version.
   *
   * @param problem what is wrong, without the line's content beyond path and version
   */
  record Invalid(String problem, Optional<Instant> timestamp, String key) implements IndexLine {
    public Invalid {
      Objects.requireNonNull(problem, "problem");
      Objects.requireNonNull(timestamp, "timestamp");
      Objects.requireNonNull(key, "key");
    }
  }

  /** Reads one line (without its newline). Never throws. */
  static IndexLine parse(String line) {
    IndexLine usual = IndexShape.parse(line);
    return usual != null ? usual : IndexShape.general(line);
  }
}
