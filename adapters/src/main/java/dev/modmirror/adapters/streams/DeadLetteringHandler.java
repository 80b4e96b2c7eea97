package dev.modmirror.adapters.streams;

import dev.modmirror.adapters.kafka.DeadLetterRecords;
import dev.modmirror.core.error.ModmirrorException;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An input record the ingest streams cannot read (poison on {@code modmirror.requests.v1}, the
 * outcome topics or the demand topic) is logged, copied to the dead-letter topic with the same
 * {@code modmirror.*} headers the consumer engine writes (group: the application id), and skipped.
 * Kafka Streams sends the copy with the task's own producer, inside its exactly-once transaction,
 * so the copy and the skipped input's offset become visible together. Before, such records were
 * only logged and skipped ({@code LogAndContinueExceptionHandler}): the chaos run's poison on those
 * topics never reached the dead-letter topic.
 */
public final class DeadLetteringHandler implements DeserializationExceptionHandler {
  private static final Logger LOG = LoggerFactory.getLogger(DeadLetteringHandler.class);
  private String group = "modmirror-ingest";

  @Override
  public void configure(Map<String, ?> configs) {
    Object id = configs.get(StreamsConfig.APPLICATION_ID_CONFIG);
    if (id != null) {
      group = id.toString();
    }
  }

  @Override
  public Response handleError(
      ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record, Exception exception) {
    // The serdes wrap our own error kind (invalid-input) in Kafka's SerializationException.
    Throwable error = exception.getCause() instanceof ModmirrorException m ? m : exception;
    LOG.warn(
        "unreadable record {}-{}@{} dead-lettered and skipped: {}",
        record.topic(),
        record.partition(),
        record.offset(),
        error.getMessage());
    return Response.resume(List.of(DeadLetterRecords.copyOf(record, group, error)));
  }
}
