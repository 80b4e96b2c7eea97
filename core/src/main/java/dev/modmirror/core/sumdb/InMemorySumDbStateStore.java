package dev.modmirror.core.sumdb;

import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** A {@link SumDbStateStore} in memory: state lives as long as the process. */
public final class InMemorySumDbStateStore implements SumDbStateStore {
  private final ConcurrentMap<String, byte[]> notes = new ConcurrentHashMap<>();

  @Override
  public Optional<byte[]> latest(String name) {
    return Optional.ofNullable(notes.get(name)).map(byte[]::clone);
  }

  @Override
  public boolean compareAndSet(String name, Optional<byte[]> expected, byte[] next) {
    byte[] copy = next.clone();
    if (expected.isEmpty()) {
      return notes.putIfAbsent(name, copy) == null;
    }
    boolean[] replaced = {false};
    notes.computeIfPresent(
        name,
        (k, current) -> {
          replaced[0] = Arrays.equals(current, expected.get());
          return replaced[0] ? copy : current;
        });
    return replaced[0];
  }
}
