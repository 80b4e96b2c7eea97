package dev.modmirror.adapters.streams;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.modmirror.adapters.json.EventJson;
import dev.modmirror.core.dedupe.VersionState;
import dev.modmirror.core.event.Event;
import dev.modmirror.core.event.Topic;
import java.io.IOException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * The serdes of the topologies: events as {@link EventJson} writes them (the same bytes as the
 * event bus), and the dedupe state as JSON. A record that cannot be read fails with a {@link
 * SerializationException}, which the streams' deserialization handler dead-letters and skips.
 */
public final class JsonSerdes {
  private static final EventJson JSON = EventJson.create();

  private JsonSerdes() {}

  /** The serde of a topic's events. */
  public static <E extends Event> Serde<E> event(Topic<E> topic) {
    return Serdes.serdeFrom(
        (t, event) -> event == null ? null : JSON.write(event),
        (t, bytes) -> {
          if (bytes == null) {
            return null;
          }
          try {
            return JSON.read(topic, bytes);
          } catch (RuntimeException e) {
            throw new SerializationException(e.getMessage(), e);
          }
        });
  }

  /** The serde of the dedupe stage's per-version state. */
  public static Serde<VersionState> state() {
    return Serdes.serdeFrom(
        (t, state) -> {
          try {
            return state == null ? null : JSON.mapper().writeValueAsBytes(state);
          } catch (JsonProcessingException e) {
            throw new SerializationException(e);
          }
        },
        (t, bytes) -> {
          try {
            return bytes == null ? null : JSON.mapper().readValue(bytes, VersionState.class);
          } catch (IOException e) {
            throw new SerializationException("unreadable dedupe state: " + e.getMessage(), e);
          }
        });
  }
}
