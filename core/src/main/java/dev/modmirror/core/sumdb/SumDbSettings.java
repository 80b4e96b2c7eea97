package dev.modmirror.core.sumdb;

import dev.modmirror.core.error.InvalidInputException;
import dev.modmirror.core.module.PrefixPatterns;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Map;
import java.util.Optional;

/**
 * Checksum database settings with the go command's syntax and meaning: {@code GOSUMDB} is {@code
 * off}, a known name ({@code sum.golang.org}), a verifier key {@code name+hash+key}, or either
 * followed by a URL; {@code GONOSUMDB} exempts module path prefixes (its default, {@code
 * GOPRIVATE}, is applied in one place: {@link dev.modmirror.core.upstream.GoEnv#from}).
 *
 * @param key the database key; empty when GOSUMDB is off
 * @param url the explicit URL, which bypasses proxies; empty to go via GOPROXY or direct
 * @param noSumDb the GONOSUMDB glob list
 */
public record SumDbSettings(Optional<NoteVerifier> key, Optional<URI> url, String noSumDb) {
  /** The key of sum.golang.org, built into the go command. */
  public static final String SUM_GOLANG_ORG_KEY =
      "sum.golang.org+033de0ae+Ac4zctda0e5eza+HJyk9SxEdh+s3Ux18htTTAD8OuAn8";

  private static final Map<String, String> KNOWN = Map.of("sum.golang.org", SUM_GOLANG_ORG_KEY);

  /**
   * Parses the GOSUMDB value ({@code null} or empty means {@code sum.golang.org}).
   *
   * @throws InvalidInputException with the go command's reason for a bad value
   */
  public static SumDbSettings parse(String gosumdb, String gonosumdb) {
    String value = gosumdb == null || gosumdb.isBlank() ? "sum.golang.org" : gosumdb.trim();
    if (value.equals("sum.golang.google.cn")) {
      value = "sum.golang.org https://sum.golang.google.cn";
    }
    String noSumDb = gonosumdb == null ? "" : gonosumdb;
    if (value.equals("off")) {
      return new SumDbSettings(Optional.empty(), Optional.empty(), noSumDb);
    }
    String[] fields = value.split("\\s+");
    if (fields.length > 2) {
      throw new InvalidInputException("invalid GOSUMDB: too many fields");
    }
    NoteVerifier key;
    try {
      key = NoteVerifier.parse(KNOWN.getOrDefault(fields[0], fields[0]));
    } catch (SumDbException e) {
      throw new InvalidInputException("invalid GOSUMDB: " + e.getMessage());
    }
    checkName(key.name());
    Optional<URI> url = Optional.empty();
    if (fields.length == 2) {
      try {
        url = Optional.of(new URI(fields[1]));
      } catch (URISyntaxException e) {
        throw new InvalidInputException("invalid GOSUMDB URL: " + e.getMessage());
      }
    }
    return new SumDbSettings(Optional.of(key), url, noSumDb);
  }

  private static void checkName(String name) {
    URI direct;
    try {
      direct = new URI("https://" + name);
    } catch (URISyntaxException e) {
      throw new InvalidInputException("invalid sumdb name (must be host[/path]): " + name);
    }
    if (name.endsWith("/")
        || direct.getHost() == null
        || direct.getRawUserInfo() != null
        || direct.getPort() != -1
        || direct.getRawQuery() != null
        || direct.getRawFragment() != null
        || !direct.getRawPath().equals(direct.getPath())) {
      throw new InvalidInputException("invalid sumdb name (must be host[/path]): " + name);
    }
  }

  /** True if GOSUMDB=off. */
  public boolean off() {
    return key.isEmpty();
  }

  /** True if the checksum database vouches for this module path (not off, not exempt). */
  public boolean covers(String modulePath) {
    return !off() && !PrefixPatterns.matches(noSumDb, modulePath);
  }

  /** The database's own URL when neither an explicit URL nor a proxy serves it. */
  public URI directUrl() {
    return URI.create("https://" + key.orElseThrow().name());
  }
}
