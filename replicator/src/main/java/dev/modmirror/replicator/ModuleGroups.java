package dev.modmirror.replicator;

import dev.modmirror.core.module.ModulePath;
import dev.modmirror.core.module.ModuleRef;
import dev.modmirror.core.module.ModuleVersion;
import dev.modmirror.core.store.Artifact;
import dev.modmirror.core.store.ListedKey;
import dev.modmirror.core.store.ObjectKeys;
import dev.modmirror.core.store.TreeKey;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A bucket listing read as one module at a time. The keys of one module's {@code <escaped
 * module>/@v/} directory share that prefix, so they are contiguous in a sorted listing: a module's
 * versions are gathered (memory bounded by the versions of the largest module, never by the
 * bucket), then handed on, and the next module's keys follow. Modules come in {@link
 * ObjectKeys#ORDER} of their directories, the order a merge of two listings needs.
 *
 * <p>Keys outside the GOPROXY layout are skipped and counted ({@link #foreign()}); modmirror's own
 * records ({@link ObjectKeys#OWN_PREFIX}) and {@code @v/list} objects are skipped silently.
 */
final class ModuleGroups implements Iterator<ModuleGroups.Group> {

  /** One module's versions as a listing shows them, by escaped version. */
  record Group(String directory, ModulePath path, SortedMap<String, Files> versions) {}

  /** What a listing shows of one version's files; a field is null when its object is absent. */
  static final class Files {
    private final ModuleVersion version;
    private ListedKey info;
    private ListedKey mod;
    private ListedKey zip;

    Files(ModuleVersion version) {
      this.version = version;
    }

    ModuleVersion version() {
      return version;
    }

    ListedKey get(Artifact artifact) {
      return switch (artifact) {
        case INFO -> info;
        case MOD -> mod;
        case ZIP -> zip;
      };
    }

    void set(Artifact artifact, ListedKey key) {
      switch (artifact) {
        case INFO -> info = key;
        case MOD -> mod = key;
        case ZIP -> zip = key;
      }
    }

    boolean complete() {
      return info != null;
    }
  }

  private final Iterator<ListedKey> keys;
  private final String source;
  private ListedKey pending;
  private String lastDirectory;
  private long foreign;
  private long listed;

  /**
   * @param source names the listing in the error of an unsorted one
   */
  ModuleGroups(Iterator<ListedKey> keys, String source) {
    this.keys = keys;
    this.source = source;
  }

  /** Keys outside the GOPROXY layout seen so far. */
  long foreign() {
    return foreign;
  }

  /** Keys read so far. */
  long listed() {
    return listed;
  }

  @Override
  public boolean hasNext() {
    return pendingTreeKey().isPresent();
  }

  @Override
  public Group next() {
    Optional<TreeKey> first = pendingTreeKey();
    if (first.isEmpty()) {
      throw new NoSuchElementException();
    }
    String directory = ObjectKeys.versionDirectory(first.get().path());
    if (lastDirectory != null && ObjectKeys.ORDER.compare(lastDirectory, directory) >= 0) {
      throw new IllegalStateException(
          source + " is not listed in key order: " + directory + " after " + lastDirectory);
    }
    lastDirectory = directory;
    SortedMap<String, Files> versions = new TreeMap<>(ObjectKeys.ORDER);
    Optional<TreeKey> tree = first;
    while (tree.isPresent() && pending.key().startsWith(directory)) {
      TreeKey key = tree.get();
      if (!key.isList()) {
        ModuleRef ref = key.ref();
        versions
            .computeIfAbsent(ref.version().escaped(), v -> new Files(ref.version()))
            .set(key.artifact(), pending);
      }
      pending = null;
      tree = pendingTreeKey();
    }
    return new Group(directory, first.get().path(), versions);
  }

  /** The next key of the tree, read into {@link #pending}; foreign keys skipped and counted. */
  private Optional<TreeKey> pendingTreeKey() {
    while (true) {
      if (pending == null) {
        if (!keys.hasNext()) {
          return Optional.empty();
        }
        pending = keys.next();
        listed++;
      }
      if (pending.key().startsWith(ObjectKeys.OWN_PREFIX)) {
        pending = null;
        continue;
      }
      Optional<TreeKey> parsed = TreeKey.parse(pending.key());
      if (parsed.isPresent()) {
        return parsed;
      }
      foreign++;
      pending = null;
    }
  }
}
