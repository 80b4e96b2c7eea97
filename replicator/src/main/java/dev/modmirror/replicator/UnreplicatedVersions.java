package dev.modmirror.replicator;

import dev.modmirror.core.error.ModmirrorException;
import dev.modmirror.core.module.ModuleRef;
import dev.modmirror.core.store.ListedKey;
import dev.modmirror.core.store.ModuleStore;
import dev.modmirror.core.store.ObjectKeys;
import dev.modmirror.core.store.TreeKey;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.Optional;
import java.util.Properties;

/**
 * The versions a region's replicator gave up on after its attempts, recorded durably so that none
 * is silently dropped: one record per region and version in the <em>primary</em> bucket ({@link
 * ObjectKeys#unreplicated}), because the usual reason for giving up is that the region cannot be
 * reached, and a record written there would be lost with the copy. Reconcile copies them and
 * removes the records; {@code modmirror status --regions} and the pending gauges count them.
 */
public final class UnreplicatedVersions {
  private final ModuleStore primary;

  public UnreplicatedVersions(ModuleStore primary) {
    this.primary = primary;
  }

  /** What the pending records of one region say. */
  public record Pending(String region, long count, Optional<Instant> oldestWarmedAt) {
    /** Now − the warmed time of the oldest version not in the region, or zero if none is. */
    public java.time.Duration lag(Instant now) {
      return oldestWarmedAt
          .map(t -> java.time.Duration.between(t, now))
          .filter(d -> !d.isNegative())
          .orElse(java.time.Duration.ZERO);
    }
  }

  /**
   * Records that {@code ref} (warmed at {@code warmedAt}) is not in {@code region}. Repeating it
   * replaces the record.
   *
   * @throws dev.modmirror.core.error.TransientException if the primary cannot be written
   */
  public void record(String region, ModuleRef ref, Instant warmedAt, String reason, Instant at) {
    Properties p = new Properties();
    p.setProperty("warmedAt", warmedAt.toString());
    p.setProperty("failedAt", at.toString());
    p.setProperty("reason", reason.length() > 2000 ? reason.substring(0, 2000) : reason);
    StringBuilder text = new StringBuilder();
    p.forEach((k, v) -> text.append(k).append('=').append(escape(v.toString())).append('\n'));
    primary.putRecord(
        ObjectKeys.unreplicated(region, ref), text.toString().getBytes(StandardCharsets.UTF_8));
  }

  /** Removes the record of {@code ref} in {@code region}; an absent one is not an error. */
  public void clear(String region, ModuleRef ref) {
    primary.deleteRecord(ObjectKeys.unreplicated(region, ref));
  }

  /** The pending versions of {@code region}, each read for its warmed time. */
  public Pending pending(String region) {
    long count = 0;
    Instant oldest = null;
    for (Iterator<ListedKey> keys = primary.listKeys(ObjectKeys.unreplicatedPrefix(region));
        keys.hasNext(); ) {
      ListedKey key = keys.next();
      count++;
      Instant warmed = warmedAt(key).orElse(key.lastModified());
      if (oldest == null || warmed.isBefore(oldest)) {
        oldest = warmed;
      }
    }
    return new Pending(region, count, Optional.ofNullable(oldest));
  }

  /** The versions recorded for {@code region} under the key prefix {@code modulePrefix}. */
  Iterator<ModuleRef> refs(String region, String modulePrefix) {
    String prefix = ObjectKeys.unreplicatedPrefix(region);
    Iterator<ListedKey> keys = primary.listKeys(prefix + modulePrefix);
    return new Iterator<>() {
      private ModuleRef next;

      @Override
      public boolean hasNext() {
        while (next == null && keys.hasNext()) {
          next = TreeKey.parseRecord(prefix, keys.next().key()).orElse(null);
        }
        return next != null;
      }

      @Override
      public ModuleRef next() {
        if (!hasNext()) {
          throw new java.util.NoSuchElementException();
        }
        ModuleRef r = next;
        next = null;
        return r;
      }
    };
  }

  private Optional<Instant> warmedAt(ListedKey key) {
    try {
      Optional<byte[]> bytes = primary.readRecord(key.key());
      if (bytes.isEmpty()) {
        return Optional.empty();
      }
      Properties p = new Properties();
      p.load(new StringReader(new String(bytes.get(), StandardCharsets.UTF_8)));
      return Optional.ofNullable(p.getProperty("warmedAt")).map(Instant::parse);
    } catch (IOException | DateTimeParseException | ModmirrorException e) {
      // A record that cannot be read still counts; its own time stands in for the warmed time.
      return Optional.empty();
    }
  }

  private static String escape(String value) {
    return value.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r");
  }
}
