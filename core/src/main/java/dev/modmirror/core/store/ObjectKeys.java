package dev.modmirror.core.store;

import dev.modmirror.core.module.ModulePath;
import dev.modmirror.core.module.ModuleRef;

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

  private ObjectKeys() {}

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
