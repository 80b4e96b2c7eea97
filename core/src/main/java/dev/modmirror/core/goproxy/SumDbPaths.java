package dev.modmirror.core.goproxy;

import dev.modmirror.core.error.InvalidInputException;
import dev.modmirror.core.module.ModulePaths;
import dev.modmirror.core.module.ModuleVersion;
import dev.modmirror.core.sumdb.Tile;
import java.util.regex.Pattern;

/**
 * The checksum-database paths a proxy passes through under {@code /sumdb/$name/}, as the go command
 * asks for them: {@code supported}, {@code latest}, {@code lookup/$module@$version} (case-escaped,
 * checked like a module request) and canonical tile paths ({@link Tile#parse}). Anything else is
 * refused before a request leaves for the database.
 */
final class SumDbPaths {
  /** A database name as GOSUMDB spells one: a host name, e.g. {@code sum.golang.org}. */
  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9.-]{0,252}");

  private SumDbPaths() {}

  static ProxyPath.SumDb parse(String nameAndRest) {
    int slash = nameAndRest.indexOf('/');
    String name = slash < 0 ? nameAndRest : nameAndRest.substring(0, slash);
    String rest = slash < 0 ? "" : nameAndRest.substring(slash + 1);
    if (!NAME.matcher(name).matches()) {
      throw bad(nameAndRest);
    }
    if (rest.equals("supported") || rest.equals("latest")) {
      return new ProxyPath.SumDb(name, rest);
    }
    if (rest.startsWith("lookup/")) {
      String ref = rest.substring("lookup/".length());
      int at = ref.lastIndexOf('@');
      if (at <= 0) {
        throw bad(nameAndRest);
      }
      try {
        ModulePaths.unescapePath(ref.substring(0, at));
        ModuleVersion.of(ModulePaths.unescapeVersion(ref.substring(at + 1)));
      } catch (InvalidInputException e) {
        throw new ProxyPathException(ProxyPathException.Rule.BAD_SUMDB_PATH, nameAndRest, e);
      }
      return new ProxyPath.SumDb(name, rest);
    }
    if (rest.startsWith("tile/")) {
      try {
        Tile.parse(rest);
      } catch (RuntimeException e) {
        throw bad(nameAndRest);
      }
      return new ProxyPath.SumDb(name, rest);
    }
    throw bad(nameAndRest);
  }

  private static ProxyPathException bad(String path) {
    return new ProxyPathException(ProxyPathException.Rule.BAD_SUMDB_PATH, "/sumdb/" + path);
  }
}
