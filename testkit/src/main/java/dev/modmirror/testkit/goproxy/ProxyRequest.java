package dev.modmirror.testkit.goproxy;

import dev.modmirror.core.error.InvalidInputException;
import dev.modmirror.core.module.ModulePath;
import dev.modmirror.core.module.ModulePaths;
import dev.modmirror.core.module.ModuleVersion;
import java.util.Optional;

/**
 * A GOPROXY request path, decoded: {@code /<escaped module>/@v/list}, {@code /<escaped
 * module>/@v/<escaped version>.{info,mod,zip}} or {@code /<escaped module>/@latest}.
 *
 * @param module the decoded module path
 * @param kind what is asked for
 * @param version the decoded version for INFO/MOD/ZIP, null for LIST and LATEST
 */
record ProxyRequest(ModulePath module, Kind kind, ModuleVersion version) {

  /** The kinds of GOPROXY endpoint. */
  enum Kind {
    LIST,
    LATEST,
    INFO,
    MOD,
    ZIP
  }

  /** Parses a raw URL path; empty if it is not a GOPROXY path or does not decode. */
  static Optional<ProxyRequest> parse(String rawPath) {
    try {
      if (rawPath.endsWith("/@latest")) {
        return Optional.of(
            new ProxyRequest(
                module(rawPath, rawPath.length() - "/@latest".length()), Kind.LATEST, null));
      }
      int at = rawPath.indexOf("/@v/");
      if (at < 0) {
        return Optional.empty();
      }
      ModulePath module = module(rawPath, at);
      String rest = rawPath.substring(at + "/@v/".length());
      if (rest.equals("list")) {
        return Optional.of(new ProxyRequest(module, Kind.LIST, null));
      }
      int dot = rest.lastIndexOf('.');
      if (dot <= 0) {
        return Optional.empty();
      }
      Kind kind = artifactKind(rest.substring(dot + 1));
      if (kind == null) {
        return Optional.empty();
      }
      String version = ModulePaths.unescapeVersion(rest.substring(0, dot));
      return Optional.of(new ProxyRequest(module, kind, ModuleVersion.of(version)));
    } catch (InvalidInputException e) {
      return Optional.empty();
    }
  }

  private static ModulePath module(String rawPath, int end) {
    if (!rawPath.startsWith("/") || end <= 1) {
      throw new InvalidInputException("no module in " + rawPath);
    }
    return ModulePath.of(ModulePaths.unescapePath(rawPath.substring(1, end)));
  }

  private static Kind artifactKind(String extension) {
    switch (extension) {
      case "info":
        return Kind.INFO;
      case "mod":
        return Kind.MOD;
      case "zip":
        return Kind.ZIP;
      default:
        return null;
    }
  }
}
