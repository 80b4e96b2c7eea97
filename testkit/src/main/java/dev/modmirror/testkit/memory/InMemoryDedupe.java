package dev.modmirror.testkit.memory;

import dev.modmirror.core.dedupe.Decision;
import dev.modmirror.core.dedupe.DedupeRules;
import dev.modmirror.core.dedupe.VersionState;
import dev.modmirror.core.event.EventBus;
import dev.modmirror.core.event.Topics;
import dev.modmirror.core.event.VersionFailed;
import dev.modmirror.core.event.VersionRequested;
import dev.modmirror.core.event.VersionWarmed;
import dev.modmirror.core.event.WarmPriority;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The dedupe stage over any {@link EventBus}, state in memory: the same {@link DedupeRules} as the
 * Kafka Streams topology, for tests that run a mirror over in-memory parts (the warmer reads only
 * the warm lanes). Not exactly once, not durable: never for production.
 */
public final class InMemoryDedupe implements AutoCloseable {
  private final EventBus bus;
  private final DedupeRules rules;
  private final Map<String, VersionState> states = new HashMap<>();
  private final List<EventBus.Subscription> subscriptions;

  private InMemoryDedupe(EventBus bus, DedupeRules rules) {
    this.bus = bus;
    this.rules = rules;
    this.subscriptions =
        List.of(
            bus.subscribe(Topics.REQUESTS, "in-memory-dedupe", this::request),
            bus.subscribe(Topics.WARMED, "in-memory-dedupe", this::warmed),
            bus.subscribe(Topics.FAILED, "in-memory-dedupe", this::failed));
  }

  /** Starts forwarding {@code bus}'s requests to its warm lanes. */
  public static InMemoryDedupe start(EventBus bus) {
    return new InMemoryDedupe(bus, DedupeRules.defaults());
  }

  private synchronized void request(VersionRequested request) {
    String key = request.ref().key();
    Decision decision = rules.onRequest(Optional.ofNullable(states.get(key)), request);
    states.put(key, decision.state());
    decision.forward().ifPresent(w -> bus.publish(Topics.warm(w.priority()), w));
  }

  private synchronized void warmed(VersionWarmed warmed) {
    String key = warmed.ref().key();
    states.put(key, rules.onWarmed(Optional.ofNullable(states.get(key)), warmed));
  }

  private synchronized void failed(VersionFailed failed) {
    String key = failed.ref().key();
    states.put(key, rules.onFailed(Optional.ofNullable(states.get(key)), failed));
  }

  /** The lane each forwarded version went to last, for assertions. */
  public synchronized Optional<WarmPriority> lane(String key) {
    return Optional.ofNullable(states.get(key)).map(VersionState::lane);
  }

  @Override
  public void close() {
    subscriptions.forEach(EventBus.Subscription::close);
  }
}
