package dev.modmirror.warmer;

import dev.modmirror.core.event.EventBus;
import dev.modmirror.core.event.WarmPriority;
import java.util.ArrayList;
import java.util.List;

/**
 * The warmer's entry point: consumers of the three warm lanes ({@link
 * dev.modmirror.core.event.Topics#warmLanes()}) in the shared consumer group, {@link
 * WarmerConfig#consumers} per lane, each working on {@link WarmerConfig#inFlight()} versions at
 * once whatever the partition count. Each lane has its consumers, workers and retry topics of its
 * own, so the urgent lane always has room however long the backfill lane's backlog. Scale out by
 * running more replicas; Kafka spreads partitions over them.
 */
public final class WarmerService implements AutoCloseable {
  private final List<EventBus.Subscription> subscriptions;
  private final WarmModuleVersion useCase;
  private final AutoCloseable scratch;

  private WarmerService(
      List<EventBus.Subscription> subscriptions, WarmModuleVersion useCase, AutoCloseable scratch) {
    this.subscriptions = subscriptions;
    this.useCase = useCase;
    this.scratch = scratch;
  }

  /** Starts {@link WarmerConfig#consumers} consumers per lane in the group; returns at once. */
  public static WarmerService start(EventBus bus, WarmModuleVersion useCase, WarmerConfig config) {
    return start(bus, useCase, config, () -> {});
  }

  /**
   * As {@link #start(EventBus, WarmModuleVersion, WarmerConfig)}; {@code scratch} (the spool
   * directory's claim) is closed after the last version in flight has ended.
   */
  public static WarmerService start(
      EventBus bus, WarmModuleVersion useCase, WarmerConfig config, AutoCloseable scratch) {
    List<EventBus.Subscription> subscriptions = new ArrayList<>();
    try {
      for (WarmPriority lane : WarmPriority.values()) {
        for (int i = 0; i < config.consumers(); i++) {
          subscriptions.add(bus.consume(config.consumption(lane), useCase));
        }
      }
    } catch (RuntimeException e) {
      // A start that fails leaves nothing consuming: the caller may start again.
      subscriptions.forEach(EventBus.Subscription::close);
      throw e;
    }
    return new WarmerService(List.copyOf(subscriptions), useCase, scratch);
  }

  /**
   * Stops taking requests, finishes the versions in flight within the shutdown grace, abandons the
   * rest (they are requested again from the last acknowledged position). The lanes stop together,
   * so a stop waits one grace, not one per lane.
   */
  @Override
  public void close() {
    List<Thread> closing = new ArrayList<>();
    for (EventBus.Subscription subscription : subscriptions) {
      Thread thread = new Thread(subscription::close, "warmer-close");
      thread.start();
      closing.add(thread);
    }
    for (Thread thread : closing) {
      try {
        thread.join();
      } catch (InterruptedException e) {
        // Workers may still be spooling: leave the directory to the next start's clean-up.
        Thread.currentThread().interrupt();
        return;
      }
    }
    useCase.flushReleases();
    try {
      scratch.close();
    } catch (Exception ignored) {
      // A leftover spool directory is removed by the next start.
    }
  }
}
