package dev.modmirror.core.index;

import dev.modmirror.core.error.InvalidInputException;
import dev.modmirror.core.module.ModuleRef;
import java.time.Instant;
import java.util.Map;
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
    Map<String, String> fields;
    try {
      fields = FlatJson.parse(line);
    } catch (FlatJson.Malformed e) {
      return new Invalid("not a JSON object: " + e.getMessage(), Optional.empty(), "");
    }
    String path = fields.get("Path");
    String version = fields.get("Version");
    String time = fields.get("Timestamp");
    String key = path + "@" + version;
    Optional<Instant> at = Optional.empty();
    if (time != null) {
      try {
        at = Optional.of(FeedTime.parse(time));
      } catch (InvalidInputException e) {
        return new Invalid("bad Timestamp: " + e.getMessage(), at, key);
      }
    }
    if (path == null || version == null || at.isEmpty()) {
      String missing = path == null ? "Path" : version == null ? "Version" : "Timestamp";
      return new Invalid("missing field " + missing, at, key);
    }
    try {
      return new Valid(new IndexEntry(ModuleRef.of(path, version), at.get()));
    } catch (InvalidInputException e) {
      return new Invalid(e.getMessage(), at, key);
    }
  }
}
