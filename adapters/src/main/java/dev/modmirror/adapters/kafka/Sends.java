package dev.modmirror.adapters.kafka;

import dev.modmirror.core.error.ModmirrorException;
import dev.modmirror.core.error.PermanentException;
import dev.modmirror.core.error.TransientException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.RetriableException;

/** Starts and awaits producer sends and translates their failures into modmirror's kinds. */
final class Sends {
  private Sends() {}

  /**
   * Starts a send. The future completes when the broker acknowledged, or fails; {@code send()}
   * itself failing (a closed producer, interruption while waiting for metadata) fails it too.
   */
  static CompletableFuture<Void> send(
      Producer<String, byte[]> producer,
      ProducerRecord<String, byte[]> record,
      String module,
      String version) {
    CompletableFuture<Void> acked = new CompletableFuture<>();
    try {
      producer.send(
          record,
          (metadata, error) -> {
            if (error == null) {
              acked.complete(null);
            } else {
              acked.completeExceptionally(
                  translate(error, "publish to " + record.topic(), module, version));
            }
          });
    } catch (InterruptException e) {
      Thread.currentThread().interrupt();
      acked.completeExceptionally(
          new TransientException(
              "publish to " + record.topic() + ": interrupted", module, version, e));
    } catch (KafkaException e) {
      acked.completeExceptionally(translate(e, "publish to " + record.topic(), module, version));
    }
    return acked;
  }

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
      if (e.getCause() instanceof ModmirrorException translated) {
        throw translated;
      }
      throw translate(e.getCause(), what, module, version);
    }
  }

  static ModmirrorException translate(Throwable cause, String what, String module, String version) {
    if (cause instanceof ModmirrorException m) {
      return m;
    }
    String message = what + " failed: " + cause;
    // A producer timeout (delivery.timeout.ms) is a TimeoutException, which is retriable.
    return cause instanceof RetriableException || cause instanceof InterruptException
        ? new TransientException(message, module, version, cause)
        : new PermanentException(message, module, version, cause);
  }
}
