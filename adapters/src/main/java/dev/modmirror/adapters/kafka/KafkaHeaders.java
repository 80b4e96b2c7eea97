package dev.modmirror.adapters.kafka;

import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapSetter;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/** Kafka record headers as an OpenTelemetry carrier (UTF-8 text values), and header helpers. */
final class KafkaHeaders {
  static final TextMapSetter<Headers> SETTER =
      (headers, key, value) -> {
        if (headers != null) {
          headers.remove(key);
          headers.add(key, value.getBytes(StandardCharsets.UTF_8));
        }
      };

  static final TextMapGetter<Headers> GETTER =
      new TextMapGetter<>() {
        @Override
        public String get(Headers headers, String key) {
          return headers == null ? null : text(headers, key);
        }
      };

  private KafkaHeaders() {}

  /** The last value of {@code key} as text, or null. */
  static String text(Headers headers, String key) {
    Header header = headers.lastHeader(key);
    return header == null || header.value() == null
        ? null
        : new String(header.value(), StandardCharsets.UTF_8);
  }

  static void put(Headers headers, String key, String value) {
    SETTER.set(headers, key, value);
  }
}
