package dev.modmirror.core.upstream;

import dev.modmirror.core.error.InvalidInputException;
import dev.modmirror.core.error.NotFoundException;
import dev.modmirror.core.module.ModulePath;
import dev.modmirror.core.module.PrefixPatterns;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The go command's module-fetching environment, read with its defaulting rules
 * (cmd/go/internal/cfg, go1.19), so that a team's existing settings carry over to modmirror. An
 * empty variable counts as unset, as in Go.
 *
 * <ul>
 *   <li>GOPROXY defaults to {@value GoproxyList#GO_DEFAULT};
 *   <li>GOSUMDB defaults to {@value #DEFAULT_SUMDB}; {@code off} disables the checksum database;
 *       its other forms ({@code name}, {@code name+key url}) are parsed by the sumdb client;
 *   <li>GONOPROXY and GONOSUMDB default to GOPRIVATE;
 *   <li>GOINSECURE is recorded only: it lets the go command fetch matching modules over plain http
 *       <em>directly</em>, and modmirror never fetches directly. http:// GOPROXY URLs stay allowed,
 *       as the go command allows them;
 *   <li>GOFLAGS is recorded as written.
 * </ul>
 *
 * A module matched by GONOPROXY is fetched {@code direct} by the go command, so modmirror does not
 * mirror it: {@link #refuseIfPrivate} answers with a "private" not-found.
 *
 * @param gosumdb never empty: {@value #DEFAULT_SUMDB} when unset
 * @param goprivate the raw glob list, possibly empty
 * @param gonoproxy the raw glob list (GOPRIVATE when unset), possibly empty
 * @param gonosumdb the raw glob list (GOPRIVATE when unset), possibly empty
 * @param goinsecure the raw glob list, possibly empty
 */
public record GoEnv(
    GoproxyList goproxy,
    String gosumdb,
    String goprivate,
    String gonoproxy,
    String gonosumdb,
    String goinsecure,
    String goflags) {

  /** The go command's default checksum database. */
  public static final String DEFAULT_SUMDB = "sum.golang.org";

  public GoEnv {
    Objects.requireNonNull(goproxy, "goproxy");
    Objects.requireNonNull(gosumdb, "gosumdb");
    Objects.requireNonNull(goprivate, "goprivate");
    Objects.requireNonNull(gonoproxy, "gonoproxy");
    Objects.requireNonNull(gonosumdb, "gonosumdb");
    Objects.requireNonNull(goinsecure, "goinsecure");
    Objects.requireNonNull(goflags, "goflags");
    if (gosumdb.isEmpty()) {
      throw new InvalidInputException(
          "GOSUMDB must not be empty here: unset means " + DEFAULT_SUMDB);
    }
  }

  /**
   * Reads the variables from a process environment (usually {@code System.getenv()}).
   *
   * @throws InvalidInputException if GOPROXY does not parse
   */
  public static GoEnv from(Map<String, String> env) {
    String goprivate = get(env, "GOPRIVATE");
    return new GoEnv(
        GoproxyList.parse(get(env, "GOPROXY")),
        or(get(env, "GOSUMDB"), DEFAULT_SUMDB),
        goprivate,
        or(get(env, "GONOPROXY"), goprivate),
        or(get(env, "GONOSUMDB"), goprivate),
        get(env, "GOINSECURE"),
        get(env, "GOFLAGS"));
  }

  /** The environment of a go command with nothing set. */
  public static GoEnv defaults() {
    return from(Map.of());
  }

  /** True if GOSUMDB is {@code off}: no checksum database is consulted for any module. */
  public boolean sumdbOff() {
    return gosumdb.equals("off");
  }

  /** Whether the checksum database is consulted for {@code path} (GOSUMDB on, not GONOSUMDB). */
  public boolean usesSumDb(ModulePath path) {
    return !sumdbOff() && !PrefixPatterns.matches(gonosumdb, path.value());
  }

  /** Whether the go command would fetch {@code path} directly instead of through GOPROXY. */
  public boolean isNoProxy(ModulePath path) {
    return PrefixPatterns.matches(gonoproxy, path.value());
  }

  /**
   * Whether {@code path} is private code: matched by GOPRIVATE or GONOPROXY. An upstream pool sends
   * such a module only to upstreams configured as private, and never to a public one, even when
   * GONOPROXY was narrowed so that the go command itself would send it through GOPROXY.
   */
  public boolean isPrivate(ModulePath path) {
    return PrefixPatterns.matches(goprivate, path.value()) || isNoProxy(path);
  }

  /** Whether GOINSECURE names {@code path} (recorded for completeness; see the type comment). */
  public boolean isInsecure(ModulePath path) {
    return PrefixPatterns.matches(goinsecure, path.value());
  }

  /**
   * The "private: not mirrored" answer for a module matched by GONOPROXY, or empty if the module
   * goes through GOPROXY.
   */
  public Optional<NotFoundException> refuseIfPrivate(ModulePath path, String version) {
    if (!isNoProxy(path)) {
      return Optional.empty();
    }
    return Optional.of(NotMirrored.privateModule(path.value(), version, firstMatch(path)));
  }

  /**
   * The "private: not mirrored" answer for a module that {@link #isPrivate} and that no private
   * upstream serves.
   */
  public NotFoundException privateRefusal(ModulePath path, String version) {
    String globs = PrefixPatterns.matches(gonoproxy, path.value()) ? gonoproxy : goprivate;
    return NotMirrored.privateModule(path.value(), version, firstMatch(globs, path));
  }

  /** The first GONOPROXY glob that matches, named in the recorded reason. */
  private String firstMatch(ModulePath path) {
    return firstMatch(gonoproxy, path);
  }

  private static String firstMatch(String globs, ModulePath path) {
    for (String glob : globs.split(",", -1)) {
      if (PrefixPatterns.matches(glob, path.value())) {
        return glob;
      }
    }
    return globs;
  }

  /** Credentials in GOPROXY and GOSUMDB URLs are redacted. */
  @Override
  public String toString() {
    return "GoEnv[GOPROXY="
        + goproxy.redacted()
        + ", GOSUMDB="
        + Redaction.url(gosumdb)
        + ", GOPRIVATE="
        + goprivate
        + ", GONOPROXY="
        + gonoproxy
        + ", GONOSUMDB="
        + gonosumdb
        + ", GOINSECURE="
        + goinsecure
        + ", GOFLAGS="
        + goflags
        + "]";
  }

  private static String get(Map<String, String> env, String name) {
    String value = env.get(name);
    return value == null ? "" : value;
  }

  private static String or(String value, String fallback) {
    return value.isEmpty() ? fallback : value;
  }
}
