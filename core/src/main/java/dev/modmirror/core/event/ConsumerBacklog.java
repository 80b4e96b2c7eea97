package dev.modmirror.core.event;

import java.util.List;

/**
 * What a consumer group has not handled yet on a topic: for a region's replicator, the warmed
 * versions still waiting to be copied there. Read without joining the group or moving its offsets.
 */
public interface ConsumerBacklog {

  /**
   * The records of {@code topic} after {@code group}'s committed offsets (from the oldest retained
   * record where the group has none, as a new group starts), and the first of them on each
   * partition.
   *
   * @throws dev.modmirror.core.error.TransientException if the bus cannot be read in time
   */
  <E extends Event> Backlog<E> of(Topic<E> topic, String group);

  /**
   * @param records how many records are not handled yet
   * @param oldest the first unhandled record of each partition that has one (unreadable ones left
   *     out)
   */
  record Backlog<E extends Event>(long records, List<E> oldest) {
    public Backlog {
      oldest = List.copyOf(oldest);
    }
  }
}
