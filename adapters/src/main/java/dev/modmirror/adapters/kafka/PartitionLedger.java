package dev.modmirror.adapters.kafka;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * One assigned partition's records between fetch and acknowledgement: those waiting to be worked on
 * (in offset order, each with the earliest time it may start), and the offsets not yet done. The
 * position to commit is the lowest offset not done, so records finish in any order and a crash
 * redoes, never skips. Used by the consumer's poll thread only.
 */
final class PartitionLedger {
  /** A fetched record waiting for a worker. */
  record Waiting(ConsumerRecord<String, byte[]> record, long notBeforeMillis, int redos) {}

  private final TreeMap<Long, Waiting> waiting = new TreeMap<>();
  private final TreeSet<Long> pending = new TreeSet<>();
  private long next = -1;
  private long committed = -1;

  /** A record just fetched; it may start at {@code notBeforeMillis} (0: at once). */
  void fetched(ConsumerRecord<String, byte[]> record, long notBeforeMillis) {
    waiting.put(record.offset(), new Waiting(record, notBeforeMillis, 0));
    pending.add(record.offset());
    next = Math.max(next, record.offset() + 1);
  }

  boolean hasWaiting() {
    return !waiting.isEmpty();
  }

  /** Records fetched and not started. */
  int waitingCount() {
    return waiting.size();
  }

  /** True if a waiting record may start now: it only waits for a worker (or for its key). */
  boolean hasDue(long nowMillis) {
    return waiting.values().stream().anyMatch(w -> w.notBeforeMillis() <= nowMillis);
  }

  /** The waiting records, lowest offset first (a copy: {@link #take} may follow). */
  List<Waiting> waiting() {
    return new ArrayList<>(waiting.values());
  }

  /** The earliest start time among the waiting records, or {@link Long#MAX_VALUE}. */
  long earliestStart() {
    return waiting.values().stream()
        .mapToLong(Waiting::notBeforeMillis)
        .min()
        .orElse(Long.MAX_VALUE);
  }

  /** The record starts: it leaves the waiting line and stays pending until done. */
  void take(long offset) {
    waiting.remove(offset);
  }

  /** The record could not be finished; it waits again, from {@code notBeforeMillis}. */
  void again(Waiting previous, long notBeforeMillis) {
    long offset = previous.record().offset();
    if (pending.contains(offset)) {
      waiting.put(offset, new Waiting(previous.record(), notBeforeMillis, previous.redos() + 1));
    }
  }

  /** The record is dealt with; the commit position may pass it. */
  void done(long offset) {
    pending.remove(offset);
  }

  /** The offset to commit if it moved since the last commit: the lowest offset not done. */
  OptionalLong toCommit() {
    if (next < 0) {
      return OptionalLong.empty();
    }
    long position = pending.isEmpty() ? next : pending.first();
    return position > committed ? OptionalLong.of(position) : OptionalLong.empty();
  }

  /** The commit of {@code offset} was sent (or, with {@code -1}, failed and is to be resent). */
  void committed(long offset) {
    committed = offset;
  }

  /** Offsets fetched and not yet done (waiting or being worked on). */
  int pendingCount() {
    return pending.size();
  }
}
