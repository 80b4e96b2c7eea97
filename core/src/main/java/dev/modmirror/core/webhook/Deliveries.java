package dev.modmirror.core.webhook;

import dev.modmirror.core.error.TransientException;

/**
 * Webhook deliveries already handled, remembered durably and shared by every ingest replica, so a
 * redelivery publishes nothing. Keys are {@code provider:delivery id}.
 */
public interface Deliveries {

  /** True if {@code key} was remembered (by any replica, before or after a restart). */
  boolean seen(String key);

  /**
   * Remembers {@code key}. Idempotent.
   *
   * @throws TransientException if it could not be stored durably now
   */
  void remember(String key);
}
