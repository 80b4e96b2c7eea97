package dev.modmirror.core.demand;

import dev.modmirror.core.error.InvalidInputException;
import dev.modmirror.core.event.DemandKind;
import dev.modmirror.core.module.ModulePath;
import dev.modmirror.core.module.ModulePaths;
import dev.modmirror.core.module.ModuleRef;
import dev.modmirror.core.module.ModuleVersion;
import java.util.Optional;

/**
 * A GOPROXY request path read back: {@code /$module/@v/$version.(info|mod|zip)} names a version,
 * {@code /$module/@v/list} and {@code /$module/@latest} only a module. Module and version are
 * case-decoded ({@code !a} → {@code A}) and checked, so nothing built from them can traverse.
 *
 * @param kind the artifact, empty for list and latest
 */
public record GoproxyRequest(
    ModulePath module, Optional<ModuleVersion> version, Optional<DemandKind> kind) {

  /** The module version asked for, if the request named one. */
  public Optional<ModuleRef> ref() {
    return version.map(v -> new ModuleRef(module, v));
  }

  /**
   * Reads a request path (no query; percent-decoding already done).
   *
   * @param prefix the proxy's base path to strip first ({@code ""}, or e.g. {@code /api/go/proxy})
   * @return empty if the path is not a GOPROXY module request (e.g. {@code /sumdb/…}, {@code /})
   * @throws InvalidInputException if it looks like one but its module or version breaks a rule
   */
  public static Optional<GoproxyRequest> parse(String prefix, String path) {
    if (path == null || !path.startsWith(prefix == null ? "" : prefix)) {
      return Optional.empty();
    }
    String rest = path.substring(prefix == null ? 0 : prefix.length());
    if (!rest.startsWith("/")) {
      return Optional.empty();
    }
    rest = rest.substring(1);
    if (rest.endsWith("/@latest")) {
      return Optional.of(moduleOnly(rest.substring(0, rest.length() - "/@latest".length())));
    }
    int at = rest.lastIndexOf("/@v/");
    if (at <= 0) {
      return Optional.empty();
    }
    String module = rest.substring(0, at);
    String file = rest.substring(at + "/@v/".length());
    if (file.equals("list")) {
      return Optional.of(moduleOnly(module));
    }
    int dot = file.lastIndexOf('.');
    DemandKind kind =
        switch (dot < 0 ? "" : file.substring(dot + 1)) {
          case "info" -> DemandKind.INFO;
          case "mod" -> DemandKind.MOD;
          case "zip" -> DemandKind.ZIP;
          default -> null;
        };
    if (kind == null) {
      return Optional.empty();
    }
    ModulePath path1 = decodeModule(module);
    String version = ModulePaths.unescapeVersion(file.substring(0, dot));
    ModuleRef ref = new ModuleRef(path1, ModuleVersion.of(version));
    return Optional.of(
        new GoproxyRequest(ref.path(), Optional.of(ref.version()), Optional.of(kind)));
  }

  private static GoproxyRequest moduleOnly(String escaped) {
    return new GoproxyRequest(decodeModule(escaped), Optional.empty(), Optional.empty());
  }

  private static ModulePath decodeModule(String escaped) {
    return ModulePath.of(ModulePaths.unescapePath(escaped));
  }
}
