package dev.modmirror.core.store;

import dev.modmirror.core.module.ModulePath;
import dev.modmirror.core.module.ModuleRef;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;

/**
 * The one owner of the object key layout: a GOPROXY tree, {@code <escaped module>/@v/<escaped
 * version>.{info,mod,zip}} and {@code <escaped module>/@v/list} (the layout of goproxy/goproxy's S3
 * cacher). Keys are built only from checked {@link ModulePath}s, so no key escapes its module.
 *
 * <p>Beside the tree, modmirror keeps its own records under {@value #OWN_PREFIX}: a first element
 * without a dot, which no module path has, so these keys never collide with a module's and a
 * GOPROXY reader never asks for them.
 */
public final class ObjectKeys {
  /** The prefix of modmirror's own records in a bucket. */
  public static final String OWN_PREFIX = "_modmirror/";

  /** The prefix of purged versions' tombstones: {@link #tombstone}. */
  public static final String TOMBSTONES = OWN_PREFIX + "purged/";

  /** The prefix of versions a region's replicator gave up on: {@link #unreplicated}. */
  public static final String UNREPLICATED = OWN_PREFIX + "unreplicated/";

  /**
   * The order of keys in a listing ({@link ModuleStore#listKeys}): by their UTF-8 bytes, unsigned,
   * as S3 lists them. Keys under one prefix are contiguous in it.
   */
  public static final Comparator<String> ORDER =
      (a, b) ->
          Arrays.compareUnsigned(
              a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));

  private ObjectKeys() {}

  /**
   * {@code _modmirror/purged/<escaped module>/@v/<escaped version>}: in the primary bucket, marks a
   * version removed by {@code modmirror purge}; reconcile and the warmer leave it removed.
   */
  public static String tombstone(ModuleRef ref) {
    return TOMBSTONES + versionDirectory(ref.path()) + ref.version().escaped();
  }

  /**
   * {@code _modmirror/unreplicated/<region>/<escaped module>/@v/<escaped version>}: in the primary
   * bucket (reachable when the region is not), a version whose copy to {@code region} exhausted its
   * attempts; reconcile copies it and removes the record.
   */
  public static String unreplicated(String region, ModuleRef ref) {
    return unreplicatedPrefix(region) + versionDirectory(ref.path()) + ref.version().escaped();
  }

  /** {@code _modmirror/unreplicated/<region>/}. */
  public static String unreplicatedPrefix(String region) {
    return UNREPLICATED + region + "/";
  }

  /**
   * Refuses a key outside {@link #OWN_PREFIX}: records are never written into the GOPROXY tree.
   *
   * @throws IllegalArgumentException if {@code key} is not a record key
   */
  public static String requireRecord(String key) {
    if (!key.startsWith(OWN_PREFIX) || key.contains("..")) {
      throw new IllegalArgumentException("not a record key under " + OWN_PREFIX + ": " + key);
    }
    return key;
  }

  /**
   * {@code _modmirror/pending/<escaped module>/@v/<escaped version>}: the hashes a save of a
   * version that is not complete yet began with ({@link ModuleStore#claim}); removed once its
   * {@code .info} exists.
   */
  public static String pending(ModuleRef ref) {
    return OWN_PREFIX + "pending/" + versionDirectory(ref.path()) + ref.version().escaped();
  }

  /** {@code <escaped module>/@v/<escaped version><ext>}. */
  public static String artifact(ModuleRef ref, Artifact artifact) {
    return versionDirectory(ref.path()) + ref.version().escaped() + artifact.extension();
  }

  /** {@code <escaped module>/@v/list}. */
  public static String list(ModulePath path) {
    return versionDirectory(path) + "list";
  }

  /**
   * {@code <escaped module>/@latest}: the protocol's path for a module's newest version (asked of
   * upstreams, answered by serve; a bucket stores no such object).
   */
  public static String latest(ModulePath path) {
    return path.escaped() + "/@latest";
  }

  /**
   * {@code <escaped module>/@v/}: the prefix under which exactly this module's files live. The
   * trailing {@code /@v/} keeps {@code a/b} apart from {@code a/b-c} and {@code a/b/v2}.
   */
  public static String versionDirectory(ModulePath path) {
    return path.escaped() + "/@v/";
  }
}
