package dev.modmirror.serve;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Immutable small objects kept in memory, least recently used first out, bounded by their total
 * size: memory stays flat whatever is asked. Only bytes that never change under their key go here
 * (a version's {@code .info} and {@code .mod} once its {@code .info} exists; checksum-database
 * lookups and tiles). Thread-safe.
 */
final class SmallObjects {
  /** A cached object with its entity tag. */
  record Entry(byte[] bytes, String etag) {}

  private final long maxBytes;
  private final LinkedHashMap<String, Entry> entries = new LinkedHashMap<>(256, 0.75f, true);
  private long bytes;

  SmallObjects(long maxBytes) {
    this.maxBytes = maxBytes;
  }

  synchronized Optional<Entry> get(String key) {
    return Optional.ofNullable(entries.get(key));
  }

  /** Keeps {@code entry} unless it alone exceeds an eighth of the budget. */
  synchronized void put(String key, Entry entry) {
    long size = entry.bytes().length + key.length();
    if (size > maxBytes / 8) {
      return;
    }
    Entry old = entries.put(key, entry);
    bytes += size - (old == null ? 0 : old.bytes().length + key.length());
    var it = entries.entrySet().iterator();
    while (bytes > maxBytes && it.hasNext()) {
      Map.Entry<String, Entry> eldest = it.next();
      bytes -= eldest.getValue().bytes().length + eldest.getKey().length();
      it.remove();
    }
  }

  synchronized long size() {
    return bytes;
  }
}
