package dev.modmirror.replicator;

import dev.modmirror.core.event.EventBus;
import dev.modmirror.core.event.Handled;
import java.util.ArrayList;
import java.util.List;

/**
 * The replicator's entry point: consumers of the warmed topic per region, each region in its own
 * consumer group ({@link ReplicatorConfig#group}), each copying {@link ReplicatorConfig#inFlight()}
 * versions at once whatever the partition count. A copy's {@code RegionReplicated} is published
 * without holding its worker ({@link Handled#doneWhen}): the warmed event's offset is committed
 * once everything before it in its partition is copied and its outcome stored, so a crash redoes
 * copies, never skips one.
 */
public final class ReplicatorService implements AutoCloseable {
  private final List<EventBus.Subscription> subscriptions;
  private final AutoCloseable scratch;

  private ReplicatorService(List<EventBus.Subscription> subscriptions, AutoCloseable scratch) {
    this.subscriptions = subscriptions;
    this.scratch = scratch;
  }

  /**
   * Starts {@link ReplicatorConfig#consumers} consumers per region; returns at once. A copy whose
   * outcome cannot be published is copied again later, never dead-lettered.
   */
  public static ReplicatorService start(
      EventBus bus, List<ReplicateVersion> regions, ReplicatorConfig config) {
    return start(bus, regions, config, () -> {});
  }

  /**
   * As {@link #start(EventBus, List, ReplicatorConfig)}; {@code scratch} (the spool directory's
   * claim) is closed after the last copy in flight has ended.
   */
  public static ReplicatorService start(
      EventBus bus,
      List<ReplicateVersion> regions,
      ReplicatorConfig config,
      AutoCloseable scratch) {
    List<EventBus.Subscription> subs = new ArrayList<>();
    try {
      for (ReplicateVersion region : regions) {
        for (int i = 0; i < config.consumers(); i++) {
          subs.add(
              bus.consume(
                  config.consumption(region.region()),
                  // The worker takes the next version while this one's outcome is stored; the
                  // warmed event counts as done only once it is.
                  (warmed, delivery) -> Handled.doneWhen(region.handle(warmed))));
        }
      }
    } catch (RuntimeException e) {
      // A start that fails leaves nothing consuming: the caller may start again.
      subs.forEach(EventBus.Subscription::close);
      throw e;
    }
    return new ReplicatorService(List.copyOf(subs), scratch);
  }

  @Override
  public void close() {
    subscriptions.forEach(EventBus.Subscription::close);
    try {
      scratch.close();
    } catch (Exception ignored) {
      // A leftover spool directory is removed by the next start.
    }
  }
}
