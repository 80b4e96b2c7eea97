package dev.modmirror.core.module;

import dev.modmirror.core.error.InvalidInputException;
import dev.modmirror.core.module.GoJson.Member;
import dev.modmirror.core.module.GoJson.Obj;
import dev.modmirror.core.module.GoJson.Other;
import dev.modmirror.core.module.GoJson.Str;
import dev.modmirror.core.module.GoJson.Value;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * A {@code .info} file ({@code {"Version":"v1.2.3","Time":"…"}}) read as cmd/go's {@code
 * proxyRepo.Stat} reads it: {@code json.Unmarshal} into {@code {Version, Time, Origin}} (keys
 * matched case-insensitively with Go's folding, the last duplicate winning, {@code Time} in RFC
 * 3339 as {@code time.Time.UnmarshalJSON} parses it, every type checked, unknown keys ignored),
 * then {@code Version} must equal the version asked for, so a proxy cannot make us store one
 * version's metadata under another's name.
 *
 * @param version the Version field, decoded
 * @param time the Time field; empty when absent or null (Go's zero time)
 */
public record InfoFile(String version, Optional<Instant> time) {
  private static final Set<String> ORIGIN_FIELDS =
      Set.of("VCS", "URL", "Subdir", "Hash", "TagPrefix", "TagSum", "Ref", "RepoSum");

  /**
   * Parses and checks an upstream's {@code .info}.
   *
   * @throws InvalidInputException if it is over {@link ModuleLimits#MAX_INFO}, is not JSON that Go
   *     decodes into its shape, or names another version
   */
  public static InfoFile check(byte[] info, ModuleRef ref) {
    String want = ref.version().value();
    if (info.length > ModuleLimits.MAX_INFO) {
      throw invalid(".info is " + info.length + " bytes, over " + ModuleLimits.MAX_INFO, ref);
    }
    InfoFile parsed;
    try {
      parsed = decode(GoJson.parse(info));
    } catch (GoJson.SyntaxError e) {
      throw invalid("invalid .info from proxy: " + e.getMessage(), ref);
    }
    if (!parsed.version().equals(want)) {
      throw invalid(
          ".info names version "
              + parsed.version()
              + ", not "
              + want
              + " (proxy returned info for another version)",
          ref);
    }
    return parsed;
  }

  private static InfoFile decode(Value top) throws GoJson.SyntaxError {
    String version = "";
    Optional<Instant> time = Optional.empty();
    if (top instanceof Other other && other.isNull()) {
      return new InfoFile(version, time);
    }
    if (!(top instanceof Obj obj)) {
      throw new GoJson.SyntaxError("cannot unmarshal a non-object into RevInfo");
    }
    for (Member m : obj.members()) {
      String field = field(m.key(), Set.of("Version", "Time", "Origin"));
      if (field == null || isNull(m.value())) {
        continue;
      }
      switch (field) {
        case "Version" -> version = string(m.value(), "Version");
        case "Time" -> {
          if (!(m.value() instanceof Str s)) {
            throw new GoJson.SyntaxError("Time.UnmarshalJSON: input is not a JSON string");
          }
          time = Optional.of(GoTime.parseRfc3339(s.raw()));
        }
        default -> origin(m.value());
      }
    }
    return new InfoFile(version, time);
  }

  private static void origin(Value v) throws GoJson.SyntaxError {
    if (!(v instanceof Obj obj)) {
      throw new GoJson.SyntaxError("cannot unmarshal into Origin");
    }
    for (Member m : obj.members()) {
      String field = field(m.key(), ORIGIN_FIELDS);
      if (field != null && !isNull(m.value())) {
        string(m.value(), field);
      }
    }
  }

  /** encoding/json's field match: exact, else equal under its name folding. */
  private static String field(String key, Set<String> fields) {
    if (fields.contains(key)) {
      return key;
    }
    String folded = foldName(key);
    for (String f : fields) {
      if (foldName(f).equals(folded)) {
        return f;
      }
    }
    return null;
  }

  /** encoding/json {@code foldName}: a-z to A-Z, other runes to the smallest of their orbit. */
  private static String foldName(String s) {
    StringBuilder out = new StringBuilder(s.length());
    s.codePoints()
        .forEach(
            c ->
                out.appendCodePoint(
                    c < 0x80 ? (c >= 'a' && c <= 'z' ? c - 32 : c) : GoFold.smallest(c)));
    return out.toString();
  }

  private static boolean isNull(Value v) {
    return v instanceof Other o && o.isNull();
  }

  private static String string(Value v, String field) throws GoJson.SyntaxError {
    if (v instanceof Str s) {
      return s.text();
    }
    throw new GoJson.SyntaxError("cannot unmarshal non-string into " + field);
  }

  private static InvalidInputException invalid(String message, ModuleRef ref) {
    return new InvalidInputException(message, ref);
  }
}
