package dev.modmirror.warmer;

import dev.modmirror.core.event.EventBus;
import dev.modmirror.core.event.Topics;

/**
 * The warmer's entry point: one subscription to the request topic in the shared consumer group.
 * Scale out by running more replicas; Kafka spreads partitions over them.
 */
public final class WarmerService implements AutoCloseable {
  private final EventBus.Subscription subscription;

  private WarmerService(EventBus.Subscription subscription) {
    this.subscription = subscription;
  }

  /** Starts consuming; returns at once. */
  public static WarmerService start(EventBus bus, WarmModuleVersion useCase, WarmerConfig config) {
    return new WarmerService(bus.subscribe(Topics.REQUESTS, config.group(), useCase::handle));
  }

  @Override
  public void close() {
    subscription.close();
  }
}
