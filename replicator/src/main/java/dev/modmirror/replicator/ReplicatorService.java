package dev.modmirror.replicator;

import dev.modmirror.core.event.EventBus;
import dev.modmirror.core.event.Topics;
import java.util.ArrayList;
import java.util.List;

/**
 * The replicator's entry point: one subscription to the warmed topic per region, each in its own
 * consumer group ({@link ReplicatorConfig#group}).
 */
public final class ReplicatorService implements AutoCloseable {
  private final List<EventBus.Subscription> subscriptions;

  private ReplicatorService(List<EventBus.Subscription> subscriptions) {
    this.subscriptions = subscriptions;
  }

  /** Starts {@link ReplicatorConfig#consumers} consumers per region; returns at once. */
  public static ReplicatorService start(
      EventBus bus, List<ReplicateVersion> regions, ReplicatorConfig config) {
    List<EventBus.Subscription> subs = new ArrayList<>();
    for (ReplicateVersion region : regions) {
      for (int i = 0; i < config.consumers(); i++) {
        subs.add(bus.subscribe(Topics.WARMED, config.group(region.region()), region::handle));
      }
    }
    return new ReplicatorService(List.copyOf(subs));
  }

  @Override
  public void close() {
    subscriptions.forEach(EventBus.Subscription::close);
  }
}
