package dev.modmirror.core.event;

import dev.modmirror.core.error.TransientException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

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
   * Starts publishing and returns at once: the stage completes when the bus has stored the event,
   * or exceptionally with a {@link TransientException} (repeatable) or another {@link
   * dev.modmirror.core.error.ModmirrorException} kind. Events published one after another from one
   * thread keep their order. The trace context is the one current at the call.
   */
  default <E extends Event> CompletionStage<Void> publishAsync(Topic<E> topic, E event) {
    try {
      publish(topic, event);
      return CompletableFuture.completedFuture(null);
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  /**
   * Starts delivering the events of the consumption's topics to {@code worker}, sharing them with
   * every other subscription of the same group, up to {@link Consumption#inFlight()} at once.
   * Returns at once; delivery goes on until the subscription or the bus is closed. What a worker's
   * answer does is said by {@link Worker#handle}; a record that cannot be read is dead-lettered.
   *
   * @throws IllegalStateException if the bus is closed
   */
  <E extends Event> Subscription consume(Consumption<E> consumption, Worker<E> worker);

  /**
   * One event at a time ({@link Consumption#of}), for handlers that record their own outcome: a
   * handler that returns is done; one that throws {@link TransientException} gets the event again
   * after a pause; one that throws anything else has the record dead-lettered, and consumption goes
   * on.
   */
  default <E extends Event> Subscription subscribe(
      Topic<E> topic, String group, EventHandler<E> handler) {
    return consume(
        Consumption.of(topic, group),
        (event, delivery) -> {
          handler.handle(event);
          return Handled.done();
        });
  }

  /** Closes every subscription and the publisher. Does not throw. */
  @Override
  void close();

  /** A running subscription. */
  interface Subscription extends AutoCloseable {
    /**
     * Stops taking events, waits up to the consumption's shutdown grace for the work in flight,
     * interrupts what is left, and acknowledges what is done: what was not done is delivered again
     * to the group. Does not throw.
     */
    @Override
    void close();
  }
}
