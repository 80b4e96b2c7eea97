package dev.modmirror.adapters.upstream;

import dev.modmirror.core.module.ModuleRef;

/**
 * How the http and file clients turn a GOPROXY path ({@link dev.modmirror.core.store.ObjectKeys},
 * the one owner of the tree layout) into a request.
 */
final class GoproxyPaths {
  private GoproxyPaths() {}

  /**
   * As the go command escapes the path for its request (url.PathEscape with {@code /} kept): of the
   * characters a checked path or version holds, only {@code !} changes, to {@code %21}.
   */
  static String urlEscaped(String relative) {
    return relative.replace("!", "%21");
  }

  /** The ref's strings for error reports, tolerating a list request without version. */
  static String version(ModuleRef ref) {
    return ref == null ? null : ref.version().value();
  }
}
