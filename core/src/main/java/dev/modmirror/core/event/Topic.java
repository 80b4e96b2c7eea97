package dev.modmirror.core.event;

import java.util.Objects;

/**
 * A typed topic descriptor: the topic name and the event type its records carry.
 *
 * @param <E> the event type
 */
public record Topic<E extends Event>(String name, Class<E> type) {
  public Topic {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
  }
}
