package dev.modmirror.testkit.memory;

import dev.modmirror.core.event.Event;
import io.opentelemetry.context.Context;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One topic's append-only log with a read position per consumer group, like a single Kafka
 * partition: a group reads each record once, a new group starts at the beginning, and a group keeps
 * its position while it has no subscription.
 */
final class TopicLog {
  /** A published event with the context current at publish time. */
  record Entry(Event event, Context context) {}

  private final List<Entry> entries = new ArrayList<>();
  private final Map<String, Integer> positions = new HashMap<>();
  private final Map<String, Deque<Entry>> givenBack = new HashMap<>();

  synchronized void append(Event event, Context context) {
    entries.add(new Entry(event, context));
    notifyAll();
  }

  /**
   * Claims the group's next entry, waiting up to {@code waitMillis} for one.
   *
   * @return empty if none arrived in time
   */
  synchronized Optional<Entry> next(String group, long waitMillis) throws InterruptedException {
    Deque<Entry> returned = givenBack.get(group);
    if (returned != null && !returned.isEmpty()) {
      return Optional.of(returned.pollFirst());
    }
    long deadline = System.currentTimeMillis() + waitMillis;
    int position = positions.getOrDefault(group, 0);
    while (position >= entries.size()) {
      long left = deadline - System.currentTimeMillis();
      if (left <= 0) {
        return Optional.empty();
      }
      wait(left);
      position = positions.getOrDefault(group, 0);
    }
    positions.put(group, position + 1);
    return Optional.of(entries.get(position));
  }

  /** An entry the group claimed but did not handle: its next claim returns it first. */
  synchronized void giveBack(String group, Entry entry) {
    givenBack.computeIfAbsent(group, g -> new ArrayDeque<>()).addLast(entry);
    notifyAll();
  }
}
