package dev.modmirror.adapters.json;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.modmirror.core.error.InvalidInputException;
import dev.modmirror.core.error.ModmirrorException;
import dev.modmirror.core.event.Event;
import dev.modmirror.core.event.Topic;
import dev.modmirror.core.event.Topics;
import dev.modmirror.core.event.VersionRequested;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads and writes events as JSON. Thread-safe; create one and share it.
 *
 * <p>Unknown fields are ignored so that a newer writer with additive fields is still read; a
 * missing required field, a schema version this build does not read, or an invalid module path or
 * version is an {@link InvalidInputException}.
 */
public final class EventJson {
  private final ObjectMapper mapper;

  private EventJson(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  public static EventJson create() {
    JsonMapper mapper =
        JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .addModule(new ModmirrorJsonModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
            .build();
    return new EventJson(mapper);
  }

  /** The configured mapper, for other JSON that carries module paths, versions or refs. */
  public ObjectMapper mapper() {
    return mapper;
  }

  /** The UTF-8 JSON form of {@code event}. */
  public byte[] write(Event event) {
    if (event instanceof VersionRequested request) {
      // One per index feed line: written by hand when that gives Jackson's bytes exactly.
      byte[] fast = VersionRequestedJson.write(request);
      if (fast != null) {
        return fast;
      }
    }
    return writeGeneric(event);
  }

  /** {@link #write} through Jackson for every event type; the reference for the hand writer. */
  byte[] writeGeneric(Event event) {
    try {
      return mapper.writeValueAsBytes(event);
    } catch (JacksonException e) {
      // Our own records always serialize; a failure here is a programming error.
      throw new UncheckedIOException("cannot write " + event.getClass().getSimpleName(), e);
    }
  }

  /**
   * Reads one event of the topic's type.
   *
   * @throws InvalidInputException if the bytes are not JSON, lack a required field, carry another
   *     schema version or an invalid module path or version
   */
  public <E extends Event> E read(Topic<E> topic, byte[] json) {
    return read(topic.type(), json, topic.name());
  }

  /** As {@link #read(Topic, byte[])}, for a bare event type. */
  public <E extends Event> E read(Class<E> type, byte[] json) {
    return read(type, json, type.getSimpleName());
  }

  private <E extends Event> E read(Class<E> type, byte[] json, String where) {
    if (json == null || json.length == 0) {
      throw new InvalidInputException(where + ": empty record");
    }
    @SuppressWarnings("unchecked")
    EventReader<E> reader = (EventReader<E>) READERS.get(type);
    E event = reader == null ? null : reader.read(mapper, json);
    return event != null ? event : readGeneric(type, json, where);
  }

  // Token by token where that reads a record exactly as the tree path would: the topics' types,
  // which ModmirrorJsonModule reads through EventDeserializer.
  private static final Map<Class<?>, EventReader<?>> READERS = readers();

  private static Map<Class<?>, EventReader<?>> readers() {
    Map<Class<?>, EventReader<?>> readers = new HashMap<>();
    for (Topic<?> topic : Topics.all()) {
      EventReader<?> reader = EventReader.of(topic.type());
      if (reader != null) {
        readers.put(topic.type(), reader);
      }
    }
    return Map.copyOf(readers);
  }

  /** {@link #read} through Jackson's tree for every record; the reference for the token reader. */
  <E extends Event> E readGeneric(Class<E> type, byte[] json, String where) {
    try {
      E event = mapper.readValue(json, type);
      if (event == null) {
        throw new InvalidInputException(where + ": JSON null is not an event");
      }
      return event;
    } catch (IOException e) {
      ModmirrorException ours = ownCause(e);
      if (ours != null) {
        throw ours;
      }
      String detail = e instanceof JacksonException j ? j.getOriginalMessage() : e.getMessage();
      throw new InvalidInputException(where + ": unreadable JSON: " + detail, null, null, e);
    }
  }

  private static ModmirrorException ownCause(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof ModmirrorException m) {
        return m;
      }
    }
    return null;
  }
}
