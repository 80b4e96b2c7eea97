package dev.modmirror.adapters.streams;

import dev.modmirror.core.demand.DemandRanking;
import dev.modmirror.core.error.TransientException;
import dev.modmirror.core.module.ModulePath;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyWindowStore;

/**
 * Ranks modules from the demand window store of this process: for each module, the highest count of
 * its sliding windows that end within the last {@code window} (for a module asked for steadily, the
 * count over the {@code window} up to its latest demand). The store holds the partitions this
 * process owns; with several ingest replicas each ranks its share (a module in the global top N is
 * in its owner's local top N).
 */
public final class DemandCounts implements DemandRanking {
  private final Supplier<ReadOnlyWindowStore<String, Long>> store;
  private final Duration window;
  private final Clock clock;

  public DemandCounts(
      Supplier<ReadOnlyWindowStore<String, Long>> store, Duration window, Clock clock) {
    this.store = store;
    this.window = window;
    this.clock = clock;
  }

  /** Every module demanded in the last window, with its count. */
  public Map<String, Long> counts() {
    Instant now = clock.instant();
    Map<String, Long> counts = new HashMap<>();
    ReadOnlyWindowStore<String, Long> s;
    try {
      s = store.get();
    } catch (RuntimeException e) {
      throw new TransientException(
          "demand counts not queryable now: " + e.getMessage(), null, null, e);
    }
    try (KeyValueIterator<Windowed<String>, Long> it =
        s.fetchAll(now.minus(window.multipliedBy(2)), now)) {
      while (it.hasNext()) {
        KeyValue<Windowed<String>, Long> kv = it.next();
        long end = kv.key.window().end();
        if (end > now.toEpochMilli() || end < now.minus(window).toEpochMilli()) {
          continue;
        }
        counts.merge(kv.key.key(), kv.value, Math::max);
      }
    }
    return counts;
  }

  @Override
  public List<ModulePath> top(int limit) {
    return counts().entrySet().stream()
        .sorted(
            Comparator.<Map.Entry<String, Long>>comparingLong(Map.Entry::getValue)
                .reversed()
                .thenComparing(Map.Entry::getKey))
        .limit(limit)
        .map(e -> ModulePath.of(e.getKey()))
        .toList();
  }
}
