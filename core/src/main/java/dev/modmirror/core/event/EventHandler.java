package dev.modmirror.core.event;

/**
 * Handles one event. Called with the publisher's trace context current, so spans it starts join the
 * module version's trace. Delivery is at least once: handlers must be idempotent.
 *
 * @param <E> the event type
 */
@FunctionalInterface
public interface EventHandler<E extends Event> {

  /**
   * @throws dev.modmirror.core.error.TransientException when the work could not be finished for now
   *     (its outcome could not be published): the bus delivers the event again after a pause
   * @throws RuntimeException any other failure: the bus records it and dead-letters the record, it
   *     never stops consuming
   */
  void handle(E event);
}
