package dev.modmirror.adapters.kafka;

import dev.modmirror.core.event.Topics;
import java.util.Arrays;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Dead-letter copies for senders other than the consumer engine (the Kafka Streams applications of
 * the ingest service, which send them through their own transactional producer): the same record,
 * the same {@code modmirror.*} error headers as {@link DeadLetters} writes, so {@code modmirror dlq
 * replay} and the operators' tools read every dead letter alike.
 */
public final class DeadLetterRecords {
  /**
   * Above this many bytes of value and headers the copy is truncated as {@link DeadLetters}
   * truncates one the broker refused: a Streams producer that fails to send a copy stops the
   * application, so the copy must fit whatever the topic's size limit (1 MiB by default).
   */
  static final int WHOLE_LIMIT = 512 * 1024;

  private DeadLetterRecords() {}

  /**
   * The copy of {@code record} for {@link Topics#DEAD_LETTER}: key, value and headers as received,
   * plus the error, its kind, the source topic, partition and offset and {@code group}; truncated
   * (with the original size and SHA-256) when too large to send whole.
   */
  public static ProducerRecord<byte[], byte[]> copyOf(
      ConsumerRecord<byte[], byte[]> record, String group, Throwable error) {
    byte[] value = record.value() == null ? new byte[0] : record.value();
    long size = value.length + DeadLetters.size(record.headers());
    if (size <= WHOLE_LIMIT) {
      Headers headers =
          DeadLetters.errorHeaders(
              new RecordHeaders(record.headers().toArray()), record, group, error);
      return new ProducerRecord<>(Topics.DEAD_LETTER, null, record.key(), record.value(), headers);
    }
    Headers headers = new RecordHeaders();
    if (DeadLetters.size(record.headers()) <= DeadLetters.TRUNCATED_PREFIX) {
      record.headers().forEach(headers::add);
    }
    DeadLetters.errorHeaders(headers, record, group, error);
    KafkaHeaders.put(headers, DeadLetters.TRUNCATED, "true");
    KafkaHeaders.put(headers, DeadLetters.ORIGINAL_SIZE, Integer.toString(value.length));
    KafkaHeaders.put(headers, DeadLetters.ORIGINAL_SHA256, DeadLetters.sha256(value));
    byte[] key = record.key() != null && record.key().length > 1024 ? null : record.key();
    byte[] prefix = Arrays.copyOf(value, Math.min(value.length, DeadLetters.TRUNCATED_PREFIX));
    return new ProducerRecord<>(Topics.DEAD_LETTER, null, key, prefix, headers);
  }
}
