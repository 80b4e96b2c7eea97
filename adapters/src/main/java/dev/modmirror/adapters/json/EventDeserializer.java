package dev.modmirror.adapters.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.BeanProperty;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.deser.ContextualDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.node.TreeTraversingParser;
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
 *
 * <p>{@link EventJson} reads most records token by token ({@link EventReader}), which reads exactly
 * what this reads and leaves the rest here: this is the reference, and the path of every record of
 * an unusual shape and of every refusal.
 *
 * <p>Every record is read on a consumer's hot path (each warm request, each outcome), so what
 * reflection and Jackson resolve per type is resolved once: the record's components and canonical
 * constructor when created, each component's deserializer when Jackson contextualizes this one for
 * its mapper ({@link #createContextual}). Asking Jackson for a root deserializer per field per
 * record, as {@code readTreeAsValue} does, contextualized the enum and list deserializers again for
 * every record.
 */
final class EventDeserializer<E extends Event> extends StdDeserializer<E>
    implements ContextualDeserializer {
  private static final long serialVersionUID = 1L;

  private final Class<E> type;
  private final transient RecordComponent[] components;
  private final transient Constructor<E> constructor;
  // Per component, for this mapper; null until contextualized (then the slower generic path).
  private final transient JsonDeserializer<?>[] deserializers;

  EventDeserializer(Class<E> type) {
    this(type, type.getRecordComponents(), canonical(type), null);
  }

  private EventDeserializer(
      Class<E> type,
      RecordComponent[] components,
      Constructor<E> constructor,
      JsonDeserializer<?>[] deserializers) {
    super(type);
    this.type = type;
    this.components = components;
    this.constructor = constructor;
    this.deserializers = deserializers;
  }

  static <E> Constructor<E> canonical(Class<E> type) {
    RecordComponent[] components = type.getRecordComponents();
    Class<?>[] types = new Class<?>[components.length];
    for (int i = 0; i < components.length; i++) {
      types[i] = components[i].getType();
    }
    try {
      return type.getDeclaredConstructor(types);
    } catch (NoSuchMethodException e) {
      throw new IllegalStateException("no canonical constructor on " + type, e);
    }
  }

  @Override
  public JsonDeserializer<?> createContextual(DeserializationContext ctxt, BeanProperty property)
      throws JsonMappingException {
    JsonDeserializer<?>[] resolved = new JsonDeserializer<?>[components.length];
    for (int i = 0; i < components.length; i++) {
      if (!components[i].getName().equals("ref")) {
        // The generic type, so that a List<RequestSource> reads as enums, not strings.
        resolved[i] =
            ctxt.findRootValueDeserializer(ctxt.constructType(components[i].getGenericType()));
      }
    }
    return new EventDeserializer<>(type, components, constructor, resolved);
  }

  @Override
  public E deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
    JsonNode node = ctxt.readTree(p);
    if (!node.isObject()) {
      throw invalid("expected a JSON object, got " + node.getNodeType(), null);
    }
    Object[] args = new Object[components.length];
    for (int i = 0; i < components.length; i++) {
      args[i] = component(node, i, p, ctxt);
    }
    return construct(args);
  }

  private Object component(JsonNode node, int i, JsonParser p, DeserializationContext ctxt)
      throws IOException {
    RecordComponent component = components[i];
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
    // What Jackson's own deserializers return for these nodes, without a parser over them.
    if (component.getType() == String.class && value.isTextual()) {
      return value.textValue();
    }
    if (component.getType() == int.class && value.isInt()) {
      return value.intValue();
    }
    if (deserializers == null) {
      return ctxt.readTreeAsValue(value, ctxt.constructType(component.getGenericType()));
    }
    // As readTreeAsValue does, with the deserializer resolved once.
    try (JsonParser tokens = new TreeTraversingParser(value, p.getCodec())) {
      tokens.nextToken();
      return deserializers[i].deserialize(tokens, ctxt);
    }
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

  private E construct(Object[] args) {
    try {
      return constructor.newInstance(args);
    } catch (InvocationTargetException e) {
      if (e.getCause() instanceof ModmirrorException ours) {
        throw ours;
      }
      throw invalid(String.valueOf(e.getCause()), e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot construct " + type, e);
    }
  }

  private InvalidInputException invalid(String message, Throwable cause) {
    return new InvalidInputException(type.getSimpleName() + ": " + message, null, null, cause);
  }
}
