package dev.modmirror.testkit.goproxy;

import dev.modmirror.core.error.InvalidInputException;
import dev.modmirror.core.goproxy.ProxyPath;
import dev.modmirror.core.module.ModulePath;
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

  /**
   * Reads a request path as a mirror reads it ({@link ProxyPath}, the one reader of the protocol's
   * paths); empty if it is not a GOPROXY path or does not read.
   */
  static Optional<ProxyRequest> parse(String path) {
    try {
      ProxyPath read = ProxyPath.parse(path);
      if (read instanceof ProxyPath.VersionFile f) {
        Kind kind =
            switch (f.artifact()) {
              case INFO -> Kind.INFO;
              case MOD -> Kind.MOD;
              case ZIP -> Kind.ZIP;
            };
        return Optional.of(new ProxyRequest(f.ref().path(), kind, f.ref().version()));
      }
      if (read instanceof ProxyPath.VersionList l) {
        return Optional.of(new ProxyRequest(l.module(), Kind.LIST, null));
      }
      if (read instanceof ProxyPath.Latest l) {
        return Optional.of(new ProxyRequest(l.module(), Kind.LATEST, null));
      }
      return Optional.empty();
    } catch (InvalidInputException e) {
      return Optional.empty();
    }
  }
}
