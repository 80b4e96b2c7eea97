package dev.modmirror.testkit.sumdb;

import dev.modmirror.core.sumdb.HashReader;
import dev.modmirror.core.sumdb.Tlog;
import dev.modmirror.core.sumdb.TlogHash;
import dev.modmirror.core.sumdb.Tree;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** One history of the fake database: its records and their stored hashes. Not thread-safe. */
final class SumLog implements HashReader {
  private final List<String> records = new ArrayList<>();
  private final List<TlogHash> hashes = new ArrayList<>();
  private final Map<String, Long> ids = new HashMap<>();

  /** Appends a record; {@code key} is {@code path@version}. Returns its id. */
  long add(String key, String text) {
    long id = records.size();
    hashes.addAll(Tlog.storedHashesForRecordHash(id, Tlog.recordHash(text), this));
    records.add(text);
    ids.put(key, id);
    return id;
  }

  /** A second history: the same records, except record {@code index} replaced by {@code text}. */
  SumLog forkAt(long index, String key, String text) {
    SumLog fork = new SumLog();
    Map<Long, String> keys = new HashMap<>();
    ids.forEach((k, id) -> keys.put(id, k));
    for (int i = 0; i < records.size(); i++) {
      if (i == index) {
        fork.add(key, text);
      } else {
        fork.add(keys.get((long) i), records.get(i));
      }
    }
    return fork;
  }

  Long id(String key) {
    return ids.get(key);
  }

  String record(long id) {
    return records.get((int) id);
  }

  long size() {
    return records.size();
  }

  Tree tree() {
    return new Tree(size(), Tlog.treeHash(size(), this));
  }

  @Override
  public List<TlogHash> readHashes(long[] indexes) {
    return Arrays.stream(indexes).mapToObj(i -> hashes.get((int) i)).toList();
  }
}
