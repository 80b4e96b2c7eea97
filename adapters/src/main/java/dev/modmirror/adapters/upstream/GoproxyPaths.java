package dev.modmirror.adapters.upstream;

import dev.modmirror.core.module.ModulePath;
import dev.modmirror.core.module.ModuleRef;
import dev.modmirror.core.store.Artifact;

/** The GOPROXY protocol's relative paths, case-encoded, shared by the http and file clients. */
final class GoproxyPaths {
  private GoproxyPaths() {}

  /** {@code $escapedModule/@v/$escapedVersion.ext}: checked values, so no traversal. */
  static String artifact(ModuleRef ref, Artifact artifact) {
    return ref.path().escaped() + "/@v/" + ref.version().escaped() + artifact.extension();
  }

  /** {@code $escapedModule/@v/list}. */
  static String list(ModulePath path) {
    return path.escaped() + "/@v/list";
  }

  /** {@code $escapedModule/@latest}. */
  static String latest(ModulePath path) {
    return path.escaped() + "/@latest";
  }

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
