package dev.modmirror.replicator;

import dev.modmirror.core.module.ModuleRef;
import dev.modmirror.core.store.ListedKey;
import dev.modmirror.core.store.ObjectKeys;
import dev.modmirror.core.store.TreeKey;
import java.util.Iterator;
import java.util.Set;
import java.util.TreeSet;

/**
 * A listing of per-version records ({@code <prefix><escaped module>/@v/<escaped version>}, such as
 * tombstones) read one module at a time, in the same order as {@link ModuleGroups}, so both can be
 * walked side by side. {@link #versionsOf} answers for the module directories in ascending order.
 */
final class RecordGroups {
  private final Iterator<ListedKey> keys;
  private final String prefix;
  private ModuleRef next;

  RecordGroups(Iterator<ListedKey> keys, String prefix) {
    this.keys = keys;
    this.prefix = prefix;
  }

  /**
   * The escaped versions recorded for the module whose directory is {@code directory}; call with
   * ascending directories.
   */
  Set<String> versionsOf(String directory) {
    Set<String> versions = new TreeSet<>();
    while (true) {
      if (next == null && !advance()) {
        return versions;
      }
      String at = ObjectKeys.versionDirectory(next.path());
      int order = ObjectKeys.ORDER.compare(at, directory);
      if (order > 0) {
        return versions;
      }
      if (order == 0) {
        versions.add(next.version().escaped());
      }
      next = null;
    }
  }

  private boolean advance() {
    while (keys.hasNext()) {
      var ref = TreeKey.parseRecord(prefix, keys.next().key());
      if (ref.isPresent()) {
        next = ref.get();
        return true;
      }
    }
    return false;
  }
}
