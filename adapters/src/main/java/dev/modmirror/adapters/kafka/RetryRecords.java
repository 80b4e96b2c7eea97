package dev.modmirror.adapters.kafka;

import dev.modmirror.core.event.RetryPolicy;
import dev.modmirror.core.event.Topics;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Records on a consumption's retry topics ({@link Topics#retry}): the source record's key, value
 * and headers (trace context included), plus the attempt it will be, when it is due, why, and where
 * it came from. The consumer reads the attempt and due time back from the headers, so a retry topic
 * can be read by any replica of the group.
 */
final class RetryRecords {
  static final String ATTEMPT = "modmirror.retry.attempt";
  static final String DUE = "modmirror.retry.due";
  static final String REASON = "modmirror.retry.reason";

  private RetryRecords() {}

  /** The copy of {@code record} that comes back as the attempt after {@code failed}. */
  static ProducerRecord<String, byte[]> next(
      ConsumerRecord<String, byte[]> record,
      String retryScope,
      RetryPolicy policy,
      int failed,
      String reason,
      long nowMillis) {
    Duration delay = policy.delayAfter(failed, ThreadLocalRandom.current().nextDouble());
    Headers headers = new RecordHeaders(record.headers().toArray());
    KafkaHeaders.put(headers, ATTEMPT, Integer.toString(failed + 1));
    KafkaHeaders.put(headers, DUE, Long.toString(nowMillis + delay.toMillis()));
    KafkaHeaders.put(headers, REASON, reason);
    if (KafkaHeaders.text(headers, DeadLetters.SOURCE_TOPIC) == null) {
      KafkaHeaders.put(headers, DeadLetters.SOURCE_TOPIC, record.topic());
    }
    String topic = Topics.retry(retryScope, policy.tierAfter(failed));
    return new ProducerRecord<>(topic, null, record.key(), record.value(), headers);
  }

  /** The attempt a record is: 1 unless it came back from a retry topic; at most {@code max}. */
  static int attempt(ConsumerRecord<String, byte[]> record, int max) {
    long attempt = number(record, ATTEMPT, 1);
    return (int) Math.max(1, Math.min(max, attempt));
  }

  /** When the record may be worked on, epoch milliseconds; 0 for a record that is not a retry. */
  static long due(ConsumerRecord<String, byte[]> record) {
    return number(record, DUE, 0);
  }

  private static long number(ConsumerRecord<String, byte[]> record, String header, long absent) {
    String text = KafkaHeaders.text(record.headers(), header);
    if (text == null) {
      return absent;
    }
    try {
      return Long.parseLong(text.trim());
    } catch (NumberFormatException e) {
      // A mangled header must not stall the record: treat it as due, first attempt.
      return absent;
    }
  }
}
