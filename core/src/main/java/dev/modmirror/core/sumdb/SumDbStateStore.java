package dev.modmirror.core.sumdb;

import java.util.Optional;

/**
 * Keeps the newest signed tree head that a client verified for each checksum database, so that a
 * database that later forks its history is caught even across restarts. The client only ever
 * replaces a note with one whose tree contains it.
 */
public interface SumDbStateStore {
  /** The newest verified signed tree note of database {@code name}; empty if none yet. */
  Optional<byte[]> latest(String name);

  /**
   * Replaces the note of {@code name} with {@code next} if it still is {@code expected} (empty:
   * none stored yet). Safe under concurrent callers.
   *
   * @return false if another writer advanced it first; the caller re-reads and re-checks
   */
  boolean compareAndSet(String name, Optional<byte[]> expected, byte[] next);
}
