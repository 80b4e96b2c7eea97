package dev.modmirror.adapters.kafka;

import dev.modmirror.core.error.ModmirrorException;
import dev.modmirror.core.error.PermanentException;
import dev.modmirror.core.error.TransientException;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.common.errors.RetriableException;

/** Waits for a producer send and translates its failures into modmirror's kinds. */
final class Sends {
  private Sends() {}

  /**
   * @throws TransientException on timeout, interruption or a retriable broker error
   * @throws PermanentException on any other broker error (too large, not authorized)
   */
  static void await(Future<?> send, Duration timeout, String what, String module, String version) {
    try {
      send.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw new TransientException(
          what + ": not acknowledged within " + timeout, module, version, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TransientException(what + ": interrupted", module, version, e);
    } catch (ExecutionException e) {
      throw translate(e.getCause(), what, module, version);
    }
  }

  private static ModmirrorException translate(
      Throwable cause, String what, String module, String version) {
    String message = what + " failed: " + cause;
    return cause instanceof RetriableException
        ? new TransientException(message, module, version, cause)
        : new PermanentException(message, module, version, cause);
  }
}
