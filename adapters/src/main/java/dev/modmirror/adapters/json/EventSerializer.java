package dev.modmirror.adapters.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import dev.modmirror.core.event.Event;
import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

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
    for (Field field : FIELDS.get(event.getClass())) {
      Object value;
      try {
        value = (Object) field.accessor().invokeExact(event);
      } catch (Throwable e) {
        throw new IllegalStateException("cannot read " + field.name(), e);
      }
      if (value instanceof String text) {
        gen.writeStringField(field.name(), text);
      } else if (value instanceof Instant at) {
        // JavaTimeModule's form (WRITE_DATES_AS_TIMESTAMPS off), without DateTimeFormatter.
        gen.writeStringField(field.name(), IsoInstant.format(at));
      } else {
        provider.defaultSerializeField(field.name(), value, gen);
      }
    }
    gen.writeEndObject();
  }

  /** A component other than schema and ref, with its accessor as {@code (Event)Object}. */
  private record Field(String name, MethodHandle accessor) {}

  // Reflection once per event type: getRecordComponents() builds new objects on every call.
  private static final ClassValue<List<Field>> FIELDS =
      new ClassValue<>() {
        @Override
        protected List<Field> computeValue(Class<?> type) {
          List<Field> fields = new ArrayList<>();
          for (RecordComponent component : type.getRecordComponents()) {
            String name = component.getName();
            if (!name.equals("schema") && !name.equals("ref")) {
              try {
                // Typed once: invoke() on an untyped handle adapted its type on every call.
                MethodHandle accessor =
                    MethodHandles.publicLookup()
                        .unreflect(component.getAccessor())
                        .asType(MethodType.methodType(Object.class, Event.class));
                fields.add(new Field(name, accessor));
              } catch (IllegalAccessException e) {
                throw new IllegalStateException("cannot read " + component, e);
              }
            }
          }
          return List.copyOf(fields);
        }
      };
}
