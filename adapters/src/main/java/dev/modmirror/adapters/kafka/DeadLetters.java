package dev.modmirror.adapters.kafka;

import dev.modmirror.core.error.ModmirrorException;
import dev.modmirror.core.error.PermanentException;
import dev.modmirror.core.event.Topics;
import dev.modmirror.core.telemetry.Telemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.Meter;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies a record that could not be read or handled to {@link Topics#DEAD_LETTER}, byte for byte,
 * with its original headers (trace context included) and the error in {@code modmirror.*} headers.
 * A copy the broker cannot take whole (larger than the producer's or the topic's size limit once
 * the error headers are added) is sent truncated: a prefix of the value, the original size and the
 * SHA-256 of the whole value. If even that is refused, the record is logged with its hash and given
 * up: a record never stops its partition for good.
 */
final class DeadLetters {
  static final String ERROR = "modmirror.error";
  static final String ERROR_KIND = "modmirror.error.kind";
  static final String SOURCE_TOPIC = "modmirror.source.topic";
  static final String SOURCE_PARTITION = "modmirror.source.partition";
  static final String SOURCE_OFFSET = "modmirror.source.offset";
  static final String GROUP = "modmirror.group";
  static final String TRUNCATED = "modmirror.truncated";
  static final String ORIGINAL_SIZE = "modmirror.original.size";
  static final String ORIGINAL_SHA256 = "modmirror.original.sha256";

  /** The value prefix kept in a truncated copy, and the cap on its other headers. */
  static final int TRUNCATED_PREFIX = 64 * 1024;

  private static final int MAX_ERROR_TEXT = 4096;
  private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);
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
   * Sends the copy and waits for the acknowledgement; a copy too large to send whole is sent
   * truncated, and one that cannot be sent even so is logged and given up.
   *
   * @throws dev.modmirror.core.error.TransientException if the broker did not acknowledge in time;
   *     the caller must then not acknowledge the source record
   * @throws PermanentException if Kafka refuses us for good ({@link KafkaFailures#fatal})
   */
  void send(ConsumerRecord<String, byte[]> record, String group, Throwable error) {
    Headers headers =
        errorHeaders(new RecordHeaders(record.headers().toArray()), record, group, error);
    try {
      await(new ProducerRecord<>(Topics.DEAD_LETTER, null, record.key(), record.value(), headers));
    } catch (PermanentException whole) {
      if (KafkaFailures.fatal(whole).isPresent()) {
        throw whole;
      }
      sendTruncated(record, group, error, whole);
    }
    counter.add(1, Attributes.of(TOPIC, record.topic(), Telemetry.ERROR_KIND, kindOf(error)));
  }

  private void sendTruncated(
      ConsumerRecord<String, byte[]> record,
      String group,
      Throwable error,
      PermanentException why) {
    byte[] value = record.value() == null ? new byte[0] : record.value();
    String sha256 = sha256(value);
    Headers headers = new RecordHeaders();
    if (size(record.headers()) <= TRUNCATED_PREFIX) {
      record.headers().forEach(headers::add);
    }
    errorHeaders(headers, record, group, error);
    KafkaHeaders.put(headers, TRUNCATED, "true");
    KafkaHeaders.put(headers, ORIGINAL_SIZE, Integer.toString(value.length));
    KafkaHeaders.put(headers, ORIGINAL_SHA256, sha256);
    byte[] prefix = Arrays.copyOf(value, Math.min(value.length, TRUNCATED_PREFIX));
    String key = record.key() != null && record.key().length() > 1024 ? null : record.key();
    try {
      await(new ProducerRecord<>(Topics.DEAD_LETTER, null, key, prefix, headers));
      log.warn(
          "dead-lettered {} truncated to {} of {} bytes (sha256 {}): the whole copy was refused: {}",
          where(record),
          prefix.length,
          value.length,
          sha256,
          why.getMessage());
    } catch (PermanentException truncated) {
      log.error(
          "gave up dead-lettering {} ({} bytes, sha256 {}, key {}): refused whole ({}) and"
              + " truncated ({}); the record is skipped",
          where(record),
          value.length,
          sha256,
          key,
          why.getMessage(),
          truncated.getMessage());
    }
  }

  private void await(ProducerRecord<String, byte[]> copy) {
    Sends.await(
        Sends.send(producer, copy, null, null),
        timeout,
        "dead-letter copy of a " + KafkaHeaders.text(copy.headers(), SOURCE_TOPIC) + " record",
        null,
        null);
  }

  static Headers errorHeaders(
      Headers headers, ConsumerRecord<?, byte[]> record, String group, Throwable error) {
    String message = String.valueOf(error.getMessage());
    if (message.length() > MAX_ERROR_TEXT) {
      message = message.substring(0, MAX_ERROR_TEXT) + "…";
    }
    KafkaHeaders.put(headers, ERROR, message);
    KafkaHeaders.put(headers, ERROR_KIND, kindOf(error));
    KafkaHeaders.put(headers, SOURCE_TOPIC, source(record));
    KafkaHeaders.put(headers, SOURCE_PARTITION, Integer.toString(record.partition()));
    KafkaHeaders.put(headers, SOURCE_OFFSET, Long.toString(record.offset()));
    KafkaHeaders.put(headers, GROUP, group);
    return headers;
  }

  /** The topic a record was first published to: a retried record names it in a header. */
  static String source(ConsumerRecord<?, byte[]> record) {
    String source = KafkaHeaders.text(record.headers(), SOURCE_TOPIC);
    return source != null ? source : record.topic();
  }

  static long size(Headers headers) {
    long size = 0;
    for (Header header : headers) {
      size += header.key().length() + (header.value() == null ? 0 : header.value().length);
    }
    return size;
  }

  static String sha256(byte[] value) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  static String where(ConsumerRecord<?, ?> record) {
    return record.topic() + "-" + record.partition() + "@" + record.offset();
  }

  static String text(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
