package dev.modmirror.adapters.kafka;

import dev.modmirror.core.error.ModmirrorException;
import dev.modmirror.core.event.Topics;
import dev.modmirror.core.telemetry.Telemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.Meter;
import java.time.Duration;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Copies a record that could not be read or handled to {@link Topics#DEAD_LETTER}, byte for byte,
 * with its original headers (trace context included) and the error in {@code modmirror.*} headers.
 */
final class DeadLetters {
  static final String ERROR = "modmirror.error";
  static final String ERROR_KIND = "modmirror.error.kind";
  static final String SOURCE_TOPIC = "modmirror.source.topic";
  static final String SOURCE_PARTITION = "modmirror.source.partition";
  static final String SOURCE_OFFSET = "modmirror.source.offset";
  static final String GROUP = "modmirror.group";

  private static final AttributeKey<String> TOPIC =
      AttributeKey.stringKey("messaging.destination.name");

  private final Producer<String, byte[]> producer;
  private final Duration timeout;
  private final LongCounter counter;

  DeadLetters(Producer<String, byte[]> producer, Duration timeout, Meter meter) {
    this.producer = producer;
    this.timeout = timeout;
    this.counter =
        meter
            .counterBuilder("modmirror.dead_letter.records")
            .setDescription("Records sent to the dead-letter topic")
            .setUnit("{record}")
            .build();
  }

  /** The kind written to the header: ours, or {@code unexpected} for any other exception. */
  static String kindOf(Throwable error) {
    return error instanceof ModmirrorException m ? m.kind() : "unexpected";
  }

  /**
   * Sends the copy and waits for the acknowledgement.
   *
   * @throws dev.modmirror.core.error.TransientException if it was not acknowledged; the caller must
   *     then not commit the source record
   */
  void send(ConsumerRecord<String, byte[]> record, String group, Throwable error) {
    Headers headers = new RecordHeaders(record.headers().toArray());
    KafkaHeaders.put(headers, ERROR, String.valueOf(error.getMessage()));
    KafkaHeaders.put(headers, ERROR_KIND, kindOf(error));
    KafkaHeaders.put(headers, SOURCE_TOPIC, record.topic());
    KafkaHeaders.put(headers, SOURCE_PARTITION, Integer.toString(record.partition()));
    KafkaHeaders.put(headers, SOURCE_OFFSET, Long.toString(record.offset()));
    KafkaHeaders.put(headers, GROUP, group);
    ProducerRecord<String, byte[]> copy =
        new ProducerRecord<>(Topics.DEAD_LETTER, null, record.key(), record.value(), headers);
    Sends.await(producer.send(copy), timeout, "dead-letter " + where(record), null, null);
    counter.add(1, Attributes.of(TOPIC, record.topic(), Telemetry.ERROR_KIND, kindOf(error)));
  }

  static String where(ConsumerRecord<?, ?> record) {
    return record.topic() + "-" + record.partition() + "@" + record.offset();
  }
}
