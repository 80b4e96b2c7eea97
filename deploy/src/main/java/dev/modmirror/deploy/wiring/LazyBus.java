package dev.modmirror.deploy.wiring;

import dev.modmirror.core.event.Consumption;
import dev.modmirror.core.event.Event;
import dev.modmirror.core.event.EventBus;
import dev.modmirror.core.event.Topic;
import dev.modmirror.core.event.Worker;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * The parts' bus, asked for on the first publish: a read-only endpoint starts and serves while the
 * broker is away, and only what it publishes waits for it.
 */
final class LazyBus implements EventBus {
  private final Supplier<EventBus> bus;

  LazyBus(Supplier<EventBus> bus) {
    this.bus = bus;
  }

  @Override
  public <E extends Event> void publish(Topic<E> topic, E event) {
    bus.get().publish(topic, event);
  }

  @Override
  public <E extends Event> CompletionStage<Void> publishAsync(Topic<E> topic, E event) {
    return bus.get().publishAsync(topic, event);
  }

  @Override
  public <E extends Event> Subscription consume(Consumption<E> consumption, Worker<E> worker) {
    return bus.get().consume(consumption, worker);
  }

  /** The parts own the bus: closing this closes nothing. */
  @Override
  public void close() {}
}
