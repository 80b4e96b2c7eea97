package dev.modmirror.adapters.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import dev.modmirror.core.error.InvalidInputException;
import dev.modmirror.core.error.ModmirrorException;
import dev.modmirror.core.event.Event;
import dev.modmirror.core.module.ModuleRef;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;

/**
 * Reads the flat form that {@link EventSerializer} writes into the record's canonical constructor,
 * so the record's compact constructor does the validation: a missing field arrives as null and is
 * rejected there, never defaulted here.
 */
final class EventDeserializer<E extends Event> extends StdDeserializer<E> {
  private static final long serialVersionUID = 1L;

  private final Class<E> type;

  EventDeserializer(Class<E> type) {
    super(type);
    this.type = type;
  }

  @Override
  public E deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
    JsonNode node = ctxt.readTree(p);
    if (!node.isObject()) {
      throw invalid("expected a JSON object, got " + node.getNodeType(), null);
    }
    RecordComponent[] components = type.getRecordComponents();
    Object[] args = new Object[components.length];
    Class<?>[] types = new Class<?>[components.length];
    for (int i = 0; i < components.length; i++) {
      types[i] = components[i].getType();
      args[i] = component(node, components[i], ctxt);
    }
    return construct(types, args);
  }

  private Object component(JsonNode node, RecordComponent component, DeserializationContext ctxt)
      throws IOException {
    String name = component.getName();
    if (name.equals("ref")) {
      return ref(node);
    }
    JsonNode value = node.get(name);
    if (value == null || value.isNull()) {
      if (component.getType().isPrimitive()) {
        throw invalid("missing field '" + name + "'", null);
      }
      return null;
    }
    if (component.getType() == int.class && !value.canConvertToExactIntegral()) {
      throw invalid("field '" + name + "' is not an integer: " + value, null);
    }
    // The generic type, so that a List<RequestSource> reads as enums, not strings.
    return ctxt.readTreeAsValue(value, ctxt.constructType(component.getGenericType()));
  }

  private ModuleRef ref(JsonNode node) {
    String module = text(node, "module");
    String version = text(node, "version");
    if (module == null || version == null) {
      return null;
    }
    try {
      return ModuleRef.of(module, version);
    } catch (InvalidInputException e) {
      throw new InvalidInputException(
          type.getSimpleName() + ": " + e.getMessage(), module, version, e);
    }
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }

  private E construct(Class<?>[] types, Object[] args) {
    try {
      Constructor<E> constructor = type.getDeclaredConstructor(types);
      return constructor.newInstance(args);
    } catch (InvocationTargetException e) {
      if (e.getCause() instanceof ModmirrorException ours) {
        throw ours;
      }
      throw invalid(String.valueOf(e.getCause()), e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("no canonical constructor on " + type, e);
    }
  }

  private InvalidInputException invalid(String message, Throwable cause) {
    return new InvalidInputException(type.getSimpleName() + ": " + message, null, null, cause);
  }
}
