package dev.modmirror.deploy.chaos;

import java.util.Objects;
import java.util.Set;

/**
 * One poison record sent to a topic: bytes no reader can take as what the topic holds, under a key
 * of its own (or, on the index checkpoints, under the followed feed's key), and what must become of
 * it.
 *
 * @param groups the consumer groups that read {@code topic} and must each dead-letter it (empty for
 *     the state topics, which no group consumes)
 * @param offset where it was written on its partition
 */
record Poison(String key, String topic, Set<String> groups, Handling handling, long offset) {
  Poison {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(topic, "topic");
    Objects.requireNonNull(handling, "handling");
    groups = Set.copyOf(groups);
    if (handling == Handling.DEAD_LETTERED && groups.isEmpty()) {
      throw new IllegalArgumentException("a dead-lettered poison names the groups that read it");
    }
  }

  /** A poison on a consumed topic, which every group reading it must dead-letter. */
  static Poison deadLettered(String key, String topic, Set<String> groups, long offset) {
    return new Poison(key, topic, groups, Handling.DEAD_LETTERED, offset);
  }

  /** What the product does with an unreadable record on the topic (docs/reliability.md). */
  enum Handling {
    /** Consumed by groups: each copies it to the dead-letter topic and goes on. */
    DEAD_LETTERED,
    /**
     * The index checkpoints (compacted, read whole at start, no group): the follower skips the
     * unreadable record, resumes from the last readable checkpoint of its feed and writes a new one
     * after it. Nothing to replay, so nothing is dead-lettered.
     */
    SUPERSEDED,
    /**
     * The webhook deliveries (compacted, read whole by every replica, no group): only a record's
     * key is used, so a record with any value is one more delivery id remembered, which no provider
     * sends; ingest starts and answers webhooks as before.
     */
    KEY_ONLY
  }
}
