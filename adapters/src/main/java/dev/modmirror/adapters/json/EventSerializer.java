package dev.modmirror.adapters.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import dev.modmirror.core.event.Event;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;

/**
 * Writes an event record flat: {@code schema} first (readers look at it before anything else), then
 * {@code module} and {@code version} in place of the nested ref, then the other components in
 * declaration order.
 */
final class EventSerializer extends StdSerializer<Event> {
  private static final long serialVersionUID = 1L;

  EventSerializer() {
    super(Event.class);
  }

  @Override
  public void serialize(Event event, JsonGenerator gen, SerializerProvider provider)
      throws IOException {
    gen.writeStartObject();
    gen.writeNumberField("schema", event.schema());
    gen.writeStringField("module", event.ref().path().value());
    gen.writeStringField("version", event.ref().version().value());
    for (RecordComponent component : event.getClass().getRecordComponents()) {
      String name = component.getName();
      if (!name.equals("schema") && !name.equals("ref")) {
        provider.defaultSerializeField(name, value(event, component), gen);
      }
    }
    gen.writeEndObject();
  }

  private static Object value(Event event, RecordComponent component) {
    try {
      return component.getAccessor().invoke(event);
    } catch (IllegalAccessException | InvocationTargetException e) {
      throw new IllegalStateException("cannot read " + component, e);
    }
  }
}
