package dev.modmirror.core.goproxy;

import dev.modmirror.core.error.InvalidInputException;
import dev.modmirror.core.error.Shown;
import dev.modmirror.core.module.ModulePath;
import dev.modmirror.core.module.ModulePaths;
import dev.modmirror.core.module.ModuleRef;
import dev.modmirror.core.module.ModuleVersion;
import dev.modmirror.core.store.Artifact;

/**
 * A GOPROXY request path read strictly, as a read-only mirror must read it before any key is built
 * from it. The raw path (percent-encoding kept) is decoded once, escapes that would change the
 * path's structure are refused, and the module and version are case-decoded and checked with the
 * module path rules ({@link ModulePaths#unescapePath}: {@code ..}, backslashes, upper case where
 * the escaped form demands {@code !}, empty or dot elements all fail). A path that reads is then
 * one of four shapes, and object keys are built only from its checked {@link ModulePath} and {@link
 * ModuleVersion}: nothing outside the tree can be named.
 */
public sealed interface ProxyPath {
  /** The longest raw path read; Go's module paths are far shorter. */
  int MAX_RAW_LENGTH = 1024;

  /** {@code /$module/@v/$version.(info|mod|zip)}. */
  record VersionFile(ModuleRef ref, Artifact artifact) implements ProxyPath {}

  /** {@code /$module/@v/list}. */
  record VersionList(ModulePath module) implements ProxyPath {}

  /** {@code /$module/@latest}. */
  record Latest(ModulePath module) implements ProxyPath {}

  /**
   * {@code /sumdb/$name/$rest}: a checksum-database request, {@code rest} one of {@code supported},
   * {@code latest}, {@code lookup/$module@$version} or {@code tile/…}, checked by {@link
   * SumDbPaths}.
   */
  record SumDb(String name, String rest) implements ProxyPath {}

  /**
   * Reads a raw request path.
   *
   * @throws ProxyPathException naming the rule the path breaks
   */
  static ProxyPath parse(String rawPath) {
    String path = decode(rawPath);
    if (path.startsWith("/sumdb/")) {
      return SumDbPaths.parse(path.substring("/sumdb/".length()));
    }
    String rest = path.substring(1);
    if (rest.endsWith("/@latest")) {
      return new Latest(module(rest.substring(0, rest.length() - "/@latest".length())));
    }
    int at = rest.lastIndexOf("/@v/");
    if (at <= 0) {
      throw new ProxyPathException(ProxyPathException.Rule.NOT_GOPROXY, rawPath);
    }
    ModulePath module = module(rest.substring(0, at));
    String file = rest.substring(at + "/@v/".length());
    if (file.equals("list")) {
      return new VersionList(module);
    }
    for (Artifact artifact : Artifact.values()) {
      if (file.endsWith(artifact.extension())) {
        String escaped = file.substring(0, file.length() - artifact.extension().length());
        return new VersionFile(new ModuleRef(module, version(escaped)), artifact);
      }
    }
    throw new ProxyPathException(ProxyPathException.Rule.NOT_GOPROXY, rawPath);
  }

  /**
   * Percent-decodes once. The decoded path may not hold what its raw form hides: an encoded {@code
   * /} or {@code \}, a {@code %} (a second decoding), control or non-ASCII characters; nor a raw
   * backslash.
   */
  private static String decode(String raw) {
    if (raw == null || raw.isEmpty() || raw.charAt(0) != '/') {
      throw new ProxyPathException(ProxyPathException.Rule.NOT_GOPROXY, String.valueOf(raw));
    }
    if (raw.length() > MAX_RAW_LENGTH) {
      throw new ProxyPathException(ProxyPathException.Rule.TOO_LONG, raw.substring(0, 64) + "…");
    }
    StringBuilder out = new StringBuilder(raw.length());
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c == '%') {
        if (i + 2 >= raw.length() || hex(raw.charAt(i + 1)) < 0 || hex(raw.charAt(i + 2)) < 0) {
          throw new ProxyPathException(ProxyPathException.Rule.BAD_ESCAPE, raw);
        }
        c = (char) (hex(raw.charAt(i + 1)) * 16 + hex(raw.charAt(i + 2)));
        i += 2;
        if (c == '/' || c == '\\' || c == '%') {
          throw new ProxyPathException(ProxyPathException.Rule.ENCODED_SEPARATOR, raw);
        }
      } else if (c == '\\') {
        throw new ProxyPathException(ProxyPathException.Rule.BACKSLASH, raw);
      }
      if (c < 0x21 || c > 0x7e) {
        throw new ProxyPathException(ProxyPathException.Rule.NOT_PRINTABLE_ASCII, raw);
      }
      out.append(c);
    }
    String path = out.toString();
    for (String segment : path.substring(1).split("/", -1)) {
      if (segment.equals(".") || segment.equals("..")) {
        throw new ProxyPathException(ProxyPathException.Rule.DOT_SEGMENT, raw);
      }
    }
    return path;
  }

  private static int hex(char c) {
    return Character.digit(c, 16);
  }

  private static ModulePath module(String escaped) {
    try {
      return ModulePath.of(ModulePaths.unescapePath(escaped));
    } catch (InvalidInputException e) {
      throw new ProxyPathException(ProxyPathException.Rule.BAD_MODULE_PATH, escaped, e);
    }
  }

  private static ModuleVersion version(String escaped) {
    try {
      return ModuleVersion.of(ModulePaths.unescapeVersion(escaped));
    } catch (InvalidInputException e) {
      throw new ProxyPathException(ProxyPathException.Rule.BAD_VERSION, escaped, e);
    }
  }

  /** The most code points of a path that a message shows. */
  int MAX_SHOWN = 200;

  /** For messages: a path, never longer than a line ({@link #MAX_SHOWN} code points, then …). */
  static String shown(String text) {
    return Shown.clipped(text, MAX_SHOWN);
  }
}
