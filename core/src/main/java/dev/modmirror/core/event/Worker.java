package dev.modmirror.core.event;

/**
 * Handles one delivery of an event for a {@link Consumption}: may run on many threads at once
 * (never twice at once for the same record key in one process), with the publisher's trace context
 * current. Delivery is at least once: workers must be idempotent.
 *
 * @param <E> the event type
 */
@FunctionalInterface
public interface Worker<E extends Event> {

  /**
   * @return {@link Handled#done()}, {@link Handled#doneWhen} (done once its outcome is stored), or
   *     {@link Handled#retryLater} while attempts are left
   * @throws dev.modmirror.core.error.TransientException when the outcome could not be recorded (its
   *     publish timed out): the bus hands the same delivery over again after a pause, without
   *     counting an attempt, and never dead-letters it
   * @throws RuntimeException any other failure: the bus dead-letters the record and moves on
   */
  Handled handle(E event, Delivery delivery);
}
