package dev.modmirror.adapters.kafka;

import dev.modmirror.core.module.ModuleRef;
import dev.modmirror.core.telemetry.Telemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Producer and consumer spans named and attributed as the OpenTelemetry messaging semantic
 * conventions say ({@code send <topic>}, {@code process <topic>}; {@code messaging.system=kafka},
 * destination, operation type, consumer group, partition, offset, key), so a trace backend shows
 * each hop between services as messaging.
 */
final class MessagingSpans {
  private static final String KAFKA = "kafka";

  private MessagingSpans() {}

  /** A started producer span for publishing {@code ref}'s event to {@code topic}. */
  static Span send(Tracer tracer, String topic, ModuleRef ref) {
    return tracer
        .spanBuilder("send " + topic)
        .setSpanKind(SpanKind.PRODUCER)
        .setAttribute(Telemetry.MESSAGING_SYSTEM, KAFKA)
        .setAttribute(Telemetry.MESSAGING_DESTINATION, topic)
        .setAttribute(Telemetry.MESSAGING_OPERATION_TYPE, "send")
        .setAttribute(Telemetry.MESSAGING_OPERATION_NAME, "send")
        .setAttribute(Telemetry.MESSAGING_KAFKA_KEY, ref.key())
        .setAttribute(Telemetry.MODULE, ref.path().value())
        .setAttribute(Telemetry.VERSION, ref.version().value())
        .startSpan();
  }

  /**
   * A started consumer span for handling {@code record}, a child of the producer's context that
   * travelled in its headers, so the whole path of a module version is one trace.
   */
  static Span process(
      Tracer tracer, Context producer, String group, ConsumerRecord<String, ?> record) {
    return tracer
        .spanBuilder("process " + record.topic())
        .setParent(producer)
        .setSpanKind(SpanKind.CONSUMER)
        .setAttribute(Telemetry.MESSAGING_SYSTEM, KAFKA)
        .setAttribute(Telemetry.MESSAGING_DESTINATION, record.topic())
        .setAttribute(Telemetry.MESSAGING_OPERATION_TYPE, "process")
        .setAttribute(Telemetry.MESSAGING_OPERATION_NAME, "process")
        .setAttribute(Telemetry.MESSAGING_CONSUMER_GROUP, group)
        .setAttribute(Telemetry.MESSAGING_PARTITION, Integer.toString(record.partition()))
        .setAttribute(Telemetry.MESSAGING_KAFKA_OFFSET, record.offset())
        .setAttribute(Telemetry.MESSAGING_KAFKA_KEY, String.valueOf(record.key()))
        .startSpan();
  }
}
