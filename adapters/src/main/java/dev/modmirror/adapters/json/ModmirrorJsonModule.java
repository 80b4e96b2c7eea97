package dev.modmirror.adapters.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import dev.modmirror.core.event.Event;
import dev.modmirror.core.event.Topics;
import dev.modmirror.core.module.ModulePath;
import dev.modmirror.core.module.ModuleRef;
import dev.modmirror.core.module.ModuleVersion;
import java.io.IOException;
import java.util.function.Function;

/**
 * Jackson bindings: {@link ModulePath}, {@link ModuleVersion} and {@link ModuleRef} as strings
 * ({@code path}, {@code version}, {@code path@version}), and every topic's event type through
 * {@link EventSerializer} / {@link EventDeserializer}.
 */
final class ModmirrorJsonModule extends SimpleModule {
  private static final long serialVersionUID = 1L;

  ModmirrorJsonModule() {
    super("modmirror");
    asString(ModulePath.class, ModulePath::value, ModulePath::of);
    asString(ModuleVersion.class, ModuleVersion::value, ModuleVersion::of);
    asString(ModuleRef.class, ModuleRef::key, ModuleRef::parse);
    addSerializer(Event.class, new EventSerializer());
    Topics.all().forEach(topic -> addEvent(topic.type()));
  }

  private <E extends Event> void addEvent(Class<E> type) {
    addDeserializer(type, new EventDeserializer<>(type));
  }

  private <T> void asString(Class<T> type, Function<T, String> write, Function<String, T> read) {
    addSerializer(
        type,
        new JsonSerializer<T>() {
          @Override
          public void serialize(T value, JsonGenerator gen, SerializerProvider provider)
              throws IOException {
            gen.writeString(write.apply(value));
          }
        });
    addDeserializer(
        type,
        new JsonDeserializer<T>() {
          @Override
          public T deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            return read.apply(p.getValueAsString());
          }
        });
  }
}
