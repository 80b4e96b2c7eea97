package dev.modmirror.testkit.kafka;

import dev.modmirror.core.event.Event;
import dev.modmirror.core.event.EventBus;
import dev.modmirror.core.event.Topic;
import dev.modmirror.core.module.ModuleRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * The events a test sees on the shared broker, from the moment it subscribed: the collecting group
 * starts at the topics' end ({@link TestKafka#startGroupAtEnd}), because from the earliest offset
 * it would first read every event earlier tests left there (thousands of failures), and an event of
 * this test could wait behind them past any await.
 */
public final class CollectedEvents {
  private final List<Event> events = new CopyOnWriteArrayList<>();

  private CollectedEvents() {}

  /** Subscribes {@code group} to {@code topics}, positioned at their current end. */
  public static CollectedEvents subscribe(EventBus bus, String group, List<Topic<?>> topics) {
    TestKafka.startGroupAtEnd(group, topics.stream().map(Topic::name).toList());
    CollectedEvents collected = new CollectedEvents();
    topics.forEach(topic -> collect(bus, topic, group, collected));
    return collected;
  }

  private static <E extends Event> void collect(
      EventBus bus, Topic<E> topic, String group, CollectedEvents into) {
    bus.subscribe(topic, group, into.events::add);
  }

  /** The events of {@code type} about {@code ref} so far, in arrival order. */
  public <E extends Event> List<E> of(Class<E> type, ModuleRef ref) {
    List<E> found = new ArrayList<>();
    for (Event e : events) {
      if (type.isInstance(e) && e.ref().equals(ref)) {
        found.add(type.cast(e));
      }
    }
    return found;
  }

  /**
   * The first event of {@code type} about {@code ref} that matches, once it arrived.
   *
   * @throws AssertionError naming what was collected, after 60 s
   */
  public <E extends Event> E await(Class<E> type, ModuleRef ref, Predicate<E> match)
      throws InterruptedException {
    for (int i = 0; i < 1200; i++) {
      Optional<E> found = of(type, ref).stream().filter(match).findFirst();
      if (found.isPresent()) {
        return found.get();
      }
      Thread.sleep(50);
    }
    throw new AssertionError("no " + type.getSimpleName() + " for " + ref + " in 60 s: " + events);
  }
}
