package dev.modmirror.deploy.chaos;

import java.util.Objects;
import java.util.Set;

/**
 * One poison record sent to a topic: bytes no reader can take as an event, under a key of its own.
 *
 * @param groups the consumer groups that read {@code topic} and must each dead-letter it
 */
record Poison(String key, String topic, Set<String> groups) {
  Poison {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(topic, "topic");
    groups = Set.copyOf(groups);
  }
}
