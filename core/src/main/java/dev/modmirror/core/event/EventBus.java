package dev.modmirror.core.event;

import dev.modmirror.core.error.TransientException;

/**
 * Carries events between services. Implementations propagate the current OpenTelemetry context from
 * publisher to handler (W3C trace context), and key records by {@link
 * dev.modmirror.core.module.ModuleRef#key()} so one version's events stay in order.
 */
public interface EventBus extends AutoCloseable {

  /**
   * Publishes durably: returns only once the event is stored by the bus.
   *
   * @throws TransientException if the bus did not acknowledge in time; the caller may repeat
   */
  <E extends Event> void publish(Topic<E> topic, E event);

  /**
   * Starts delivering events of {@code topic} to {@code handler}, sharing the work with every other
   * subscription of the same {@code group}. Returns at once; delivery goes on until the
   * subscription or the bus is closed. A record that cannot be read, or whose handler throws, is
   * sent to the dead-letter topic and consumption goes on.
   */
  <E extends Event> Subscription subscribe(Topic<E> topic, String group, EventHandler<E> handler);

  /** Closes every subscription and the publisher. Does not throw. */
  @Override
  void close();

  /** A running subscription. */
  interface Subscription extends AutoCloseable {
    /** Stops delivery after the current event; waits for it. Does not throw. */
    @Override
    void close();
  }
}
