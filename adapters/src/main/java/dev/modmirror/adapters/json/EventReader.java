package dev.modmirror.adapters.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modmirror.core.event.Event;
import dev.modmirror.core.module.ModuleRef;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the flat form that {@link EventSerializer} writes token by token into the record's
 * canonical constructor, without the tree and the per-component deserializers of {@link
 * EventDeserializer}: every consumer reads every record, and that path (a tree per record, {@code
 * Instant} through {@code DateTimeFormatter}) was a seventh of the replicator's region workers.
 *
 * <p>It reads only what it can read exactly as {@link EventDeserializer} does, and answers null for
 * anything else, so that the caller reads those bytes through Jackson as before: every accepted
 * record is the one the tree path builds, and every refusal (and its message) is the tree path's.
 * Null, then, for: a root other than an object, a field this build does not know or given twice, a
 * value of another JSON kind than the component's own (a number for a string, a null for a
 * primitive), an enum name that is not a constant's, an instant not in the written form ({@link
 * IsoInstant}), a missing field, bytes that are not JSON, a record longer than {@link #MAX_BYTES},
 * or a record its constructor refuses.
 */
final class EventReader<E extends Event> {
  /** Longer records go to Jackson, whose read limits (string lengths) then apply unchanged. */
  static final int MAX_BYTES = 64 * 1024;

  private enum Kind {
    INT(true),
    LONG(true),
    BOOLEAN(true),
    STRING(false),
    INSTANT(false),
    ENUM(false),
    STRING_LIST(false),
    ENUM_LIST(false);

    // Absent or null, the tree path refuses a primitive with its own message.
    final boolean primitive;

    Kind(boolean primitive) {
      this.primitive = primitive;
    }
  }

  private final Constructor<E> constructor;
  private final int components;
  private final int refIndex;
  // Field name -> slot: the components other than ref by their index, module and version after.
  private final Map<String, Integer> slots = new HashMap<>();
  private final Kind[] kinds;
  private final Map<String, ? extends Enum<?>>[] enums;

  private EventReader(Class<E> type, Constructor<E> constructor) {
    RecordComponent[] all = type.getRecordComponents();
    this.constructor = constructor;
    this.components = all.length;
    this.kinds = new Kind[all.length];
    @SuppressWarnings("unchecked")
    Map<String, ? extends Enum<?>>[] byName = new Map[all.length];
    this.enums = byName;
    int ref = -1;
    for (int i = 0; i < all.length; i++) {
      String name = all[i].getName();
      if (name.equals("ref") && all[i].getType() == ModuleRef.class) {
        ref = i;
      } else if (name.equals("module") || name.equals("version")) {
        throw new IllegalArgumentException("a component shares the ref's field: " + name);
      } else {
        slots.put(name, i);
        kinds[i] = kind(all[i].getGenericType());
        enums[i] = constants(all[i].getGenericType());
      }
    }
    if (ref < 0) {
      throw new IllegalArgumentException("no ref component in " + type);
    }
    this.refIndex = ref;
    slots.put("module", all.length);
    slots.put("version", all.length + 1);
  }

  /**
   * The reader of {@code type}, or null if it has a component this reader does not read (that
   * type's records then always go to Jackson).
   */
  static <E extends Event> EventReader<E> of(Class<E> type) {
    try {
      return new EventReader<>(type, EventDeserializer.canonical(type));
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** The event in {@code json}, or null if it is left to Jackson (see the class comment). */
  E read(ObjectMapper mapper, byte[] json) {
    if (json.length > MAX_BYTES) {
      return null;
    }
    Object[] values = new Object[components + 2];
    boolean[] seen = new boolean[components + 2];
    try (JsonParser p = mapper.createParser(json)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return null;
      }
      for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
        Integer slot = slots.get(name);
        if (slot == null || seen[slot]) {
          return null;
        }
        seen[slot] = true;
        JsonToken token = p.nextToken();
        Object value = slot >= components ? text(p, token) : value(p, token, slot);
        if (value == NONE) {
          return null;
        }
        values[slot] = value;
      }
      if (p.currentToken() != JsonToken.END_OBJECT) {
        return null;
      }
      return construct(values, seen);
    } catch (Exception e) {
      // Not JSON, or a record its constructor refuses: the tree path says so in its own words.
      return null;
    }
  }

  private E construct(Object[] values, boolean[] seen) throws ReflectiveOperationException {
    for (int i = 0; i < seen.length; i++) {
      if (!seen[i] && i != refIndex && (i >= components || kinds[i].primitive)) {
        return null;
      }
    }
    Object module = values[components];
    Object version = values[components + 1];
    if (module == null || version == null) {
      return null;
    }
    Object[] args = new Object[components];
    System.arraycopy(values, 0, args, 0, components);
    args[refIndex] = ModuleRef.of((String) module, (String) version);
    return constructor.newInstance(args);
  }

  // Marks a value this reader leaves to Jackson.
  private static final Object NONE = new Object();

  private static Object text(JsonParser p, JsonToken token) throws IOException {
    return token == JsonToken.VALUE_STRING ? p.getText() : NONE;
  }

  private Object value(JsonParser p, JsonToken token, int slot) throws IOException {
    Kind kind = kinds[slot];
    if (token == JsonToken.VALUE_NULL) {
      return kind.primitive ? NONE : null;
    }
    switch (kind) {
      case INT:
        return token == JsonToken.VALUE_NUMBER_INT && p.getNumberType() == JsonParser.NumberType.INT
            ? (Object) p.getIntValue()
            : NONE;
      case LONG:
        return token == JsonToken.VALUE_NUMBER_INT
                && p.getNumberType() != JsonParser.NumberType.BIG_INTEGER
            ? (Object) p.getLongValue()
            : NONE;
      case BOOLEAN:
        return token == JsonToken.VALUE_TRUE
            ? Boolean.TRUE
            : token == JsonToken.VALUE_FALSE ? Boolean.FALSE : NONE;
      case STRING:
        return text(p, token);
      case INSTANT:
        Instant at = token == JsonToken.VALUE_STRING ? IsoInstant.parse(p.getText()) : null;
        return at == null ? NONE : at;
      case ENUM:
        return constant(p, token, slot);
      default:
        return list(p, token, slot);
    }
  }

  private Object constant(JsonParser p, JsonToken token, int slot) throws IOException {
    Object constant = token == JsonToken.VALUE_STRING ? enums[slot].get(p.getText()) : null;
    return constant == null ? NONE : constant;
  }

  private Object list(JsonParser p, JsonToken token, int slot) throws IOException {
    if (token != JsonToken.START_ARRAY) {
      return NONE;
    }
    List<Object> list = new ArrayList<>();
    for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
      Object element = kinds[slot] == Kind.STRING_LIST ? text(p, t) : constant(p, t, slot);
      if (element == NONE) {
        return NONE;
      }
      list.add(element);
    }
    return list;
  }

  private static Kind kind(Type type) {
    if (type == int.class) {
      return Kind.INT;
    } else if (type == long.class) {
      return Kind.LONG;
    } else if (type == boolean.class) {
      return Kind.BOOLEAN;
    } else if (type == String.class) {
      return Kind.STRING;
    } else if (type == Instant.class) {
      return Kind.INSTANT;
    } else if (type instanceof Class<?> c && c.isEnum()) {
      return Kind.ENUM;
    } else if (type instanceof ParameterizedType list && list.getRawType() == List.class) {
      Type element = list.getActualTypeArguments()[0];
      if (element == String.class) {
        return Kind.STRING_LIST;
      } else if (element instanceof Class<?> c && c.isEnum()) {
        return Kind.ENUM_LIST;
      }
    }
    throw new IllegalArgumentException("not read here: " + type);
  }

  private static Map<String, ? extends Enum<?>> constants(Type type) {
    Type element = type instanceof ParameterizedType list ? list.getActualTypeArguments()[0] : type;
    Map<String, Enum<?>> byName = new HashMap<>();
    if (element instanceof Class<?> c && c.isEnum()) {
      for (Object constant : c.getEnumConstants()) {
        byName.put(((Enum<?>) constant).name(), (Enum<?>) constant);
      }
    }
    return byName;
  }
}
