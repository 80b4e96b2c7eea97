package dev.modmirror.warmer;

import dev.modmirror.core.event.EventBus;
import dev.modmirror.core.event.Topics;
import java.util.ArrayList;
import java.util.List;

/**
 * The warmer's entry point: subscriptions to the three warm lanes ({@link Topics#warmLanes()}) in
 * the shared consumer group, {@link WarmerConfig#consumers} per lane, so the urgent lane always has
 * consumers of its own however long the backfill lane's backlog. Scale out by running more
 * replicas; Kafka spreads partitions over them.
 */
public final class WarmerService implements AutoCloseable {
  private final List<EventBus.Subscription> subscriptions;

  private WarmerService(List<EventBus.Subscription> subscriptions) {
    this.subscriptions = subscriptions;
  }

  /**
   * Starts {@link WarmerConfig#consumers} consumers per lane in the group, so versions on different
   * partitions are warmed in parallel; returns at once.
   */
  public static WarmerService start(EventBus bus, WarmModuleVersion useCase, WarmerConfig config) {
    List<EventBus.Subscription> subscriptions = new ArrayList<>();
    for (var lane : Topics.warmLanes()) {
      for (int i = 0; i < config.consumers(); i++) {
        subscriptions.add(bus.subscribe(lane, config.group(), useCase::handle));
      }
    }
    return new WarmerService(List.copyOf(subscriptions));
  }

  @Override
  public void close() {
    subscriptions.forEach(EventBus.Subscription::close);
  }
}
