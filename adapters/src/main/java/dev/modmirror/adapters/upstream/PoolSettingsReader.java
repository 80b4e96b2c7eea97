package dev.modmirror.adapters.upstream;

import dev.modmirror.core.config.Settings;
import dev.modmirror.core.error.InvalidInputException;
import dev.modmirror.core.module.ModulePath;
import dev.modmirror.core.upstream.GoEnv;
import dev.modmirror.core.upstream.GoproxyEntry;
import dev.modmirror.core.upstream.GoproxyList;
import dev.modmirror.core.upstream.health.HealthSettings;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads {@link PoolSettings} from modmirror's settings (every variable is listed in
 * docs/configuration.md): {@code MODMIRROR_UPSTREAMS} and each upstream's {@code
 * MODMIRROR_UPSTREAM_<NAME>_*}, the health settings, GOAUTH. Every problem is recorded on the
 * {@link Settings}, none names a secret's value. Also refuses set-ups that would leak a private
 * module's name: a private upstream while nothing is private, a private upstream's module or probe
 * that the checksum database would be asked about, a probe of the wrong class.
 */
public final class PoolSettingsReader {
  private PoolSettingsReader() {}

  /**
   * @param env the go environment already read (GOPRIVATE, GONOPROXY, GONOSUMDB)
   */
  public static PoolSettings read(Settings s, GoEnv env) {
    HealthSettings health = health(s);
    ModulePath probeModule =
        module(s, "MODMIRROR_UPSTREAM_HEALTH_MODULE", PoolSettings.DEFAULT_PROBE_MODULE);
    List<UpstreamSpec> specs = new ArrayList<>();
    List<String> names = s.list("MODMIRROR_UPSTREAMS", List.of());
    if (!names.isEmpty() && s.raw("MODMIRROR_UPSTREAM").isPresent()) {
      s.problem("MODMIRROR_UPSTREAMS and MODMIRROR_UPSTREAM are both set: configure one form");
    }
    Set<String> seen = new HashSet<>();
    for (String name : names) {
      if (!name.matches("[a-z0-9][a-z0-9-]{0,30}")) {
        s.problem(
            "MODMIRROR_UPSTREAMS: upstream name '" + name + "' must be [a-z0-9-], 1-31 chars");
      } else if (!seen.add(name)) {
        s.problem("MODMIRROR_UPSTREAMS: upstream '" + name + "' is named twice");
      } else {
        spec(s, env, name, probeModule).ifPresent(specs::add);
      }
    }
    if (specs.stream().anyMatch(UpstreamSpec::isPrivate)
        && env.goprivate().isEmpty()
        && env.gonoproxy().isEmpty()) {
      s.problem(
          "a private upstream is configured but GOPRIVATE and GONOPROXY are empty: no module is"
              + " private, so it would never be asked; set GOPRIVATE to the modules it serves");
    }
    Map<String, String> authEnv = new HashMap<>();
    s.raw("NETRC").ifPresent(v -> authEnv.put("NETRC", v));
    s.raw("HOME").ifPresent(v -> authEnv.put("HOME", v));
    String goauth = s.raw("MODMIRROR_GOAUTH").or(() -> s.raw("GOAUTH")).orElse("netrc");
    checkGoAuth(s, goauth);
    return new PoolSettings(specs, health, probeModule, goauth, authEnv, true);
  }

  private static HealthSettings health(Settings s) {
    try {
      return new HealthSettings(
          s.duration("MODMIRROR_UPSTREAM_HEALTH_INTERVAL", HealthSettings.DEFAULT_PROBE_INTERVAL),
          s.integer(
              "MODMIRROR_UPSTREAM_BREAKER_FAILURES",
              HealthSettings.DEFAULT_FAILURE_THRESHOLD,
              1,
              1000),
          s.duration("MODMIRROR_UPSTREAM_BREAKER_OPEN", HealthSettings.DEFAULT_OPEN_FOR),
          s.duration("MODMIRROR_UPSTREAM_LATENCY_DECAY", HealthSettings.DEFAULT_LATENCY_DECAY));
    } catch (IllegalArgumentException e) {
      s.problem("MODMIRROR_UPSTREAM_*: " + e.getMessage());
      return HealthSettings.defaults();
    }
  }

  private static Optional<UpstreamSpec> spec(
      Settings s, GoEnv env, String name, ModulePath defaultProbe) {
    String prefix = "MODMIRROR_UPSTREAM_" + name.toUpperCase(Locale.ROOT).replace('-', '_') + "_";
    String rawUrl = s.required(prefix + "URL");
    boolean isPrivate = bool(s, prefix + "PRIVATE");
    String modules = String.join(",", s.list(prefix + "MODULES", List.of()));
    double weight = weight(s, prefix + "WEIGHT");
    UpstreamAuth auth = auth(s, prefix);
    Optional<ModulePath> probe = probe(s, prefix, isPrivate, modules, defaultProbe);
    checkPrivacy(s, env, prefix, isPrivate, modules, probe);
    if (rawUrl.isEmpty()) {
      return Optional.empty();
    }
    try {
      GoproxyList list = GoproxyList.parse(rawUrl);
      GoproxyEntry entry = list.entries().get(0);
      if (list.entries().size() != 1 || entry.kind() != GoproxyEntry.Kind.PROXY) {
        s.problem(prefix + "URL: one http, https or file base URL, not a list or keyword");
        return Optional.empty();
      }
      return Optional.of(
          new UpstreamSpec(name, entry.url(), auth, isPrivate, modules, weight, probe));
    } catch (InvalidInputException | IllegalArgumentException e) {
      s.problem(prefix + "URL: " + e.getMessage());
      return Optional.empty();
    }
  }

  private static UpstreamAuth auth(Settings s, String prefix) {
    Optional<String> token = s.raw(prefix + "TOKEN");
    Optional<String> user = s.raw(prefix + "USERNAME");
    Optional<String> password = s.raw(prefix + "PASSWORD");
    if (token.isPresent() && (user.isPresent() || password.isPresent())) {
      s.problem(prefix + "TOKEN and " + prefix + "USERNAME/PASSWORD are both set: choose one");
      return UpstreamAuth.none();
    }
    if (password.isPresent() && user.isEmpty()) {
      s.problem(prefix + "PASSWORD is set without " + prefix + "USERNAME");
      return UpstreamAuth.none();
    }
    try {
      if (token.isPresent()) {
        return UpstreamAuth.bearer(token.get());
      }
      return user.map(u -> UpstreamAuth.basic(u, password.orElse(""))).orElse(UpstreamAuth.none());
    } catch (IllegalArgumentException e) {
      s.problem(prefix + "TOKEN: " + e.getMessage());
      return UpstreamAuth.none();
    }
  }

  private static Optional<ModulePath> probe(
      Settings s, String prefix, boolean isPrivate, String modules, ModulePath defaultProbe) {
    Optional<String> raw = s.raw(prefix + "PROBE");
    if (raw.isPresent()) {
      return raw.get().equals("off")
          ? Optional.empty()
          : Optional.of(module(s, prefix + "PROBE", defaultProbe.value()));
    }
    if (!isPrivate) {
      return Optional.of(defaultProbe);
    }
    // A private upstream is probed with one of its own modules, never a public name.
    for (String glob : modules.split(",")) {
      if (!glob.isEmpty() && glob.chars().noneMatch(c -> "*?[\\".indexOf(c) >= 0)) {
        try {
          return Optional.of(ModulePath.of(glob));
        } catch (InvalidInputException e) {
          // Not a module path (e.g. a bare host): try the next glob.
        }
      }
    }
    return Optional.empty();
  }

  private static void checkPrivacy(
      Settings s,
      GoEnv env,
      String prefix,
      boolean isPrivate,
      String modules,
      Optional<ModulePath> probe) {
    if (probe.isPresent() && env.isPrivate(probe.get()) != isPrivate) {
      s.problem(
          prefix
              + "PROBE: "
              + probe.get().value()
              + (isPrivate
                  ? " is not private: a private upstream is never sent a public module's name"
                  : " is private: a public upstream is never sent a private module's name"));
    }
    if (!isPrivate) {
      return;
    }
    for (String glob : modules.split(",")) {
      if (glob.isEmpty() || glob.chars().anyMatch(c -> "*?[\\".indexOf(c) >= 0)) {
        continue;
      }
      try {
        ModulePath path = ModulePath.of(glob);
        if (!env.isPrivate(path)) {
          s.problem(
              prefix
                  + "MODULES: "
                  + glob
                  + " is not in GOPRIVATE/GONOPROXY: it would never be"
                  + " routed to this private upstream");
        } else if (env.usesSumDb(path)) {
          s.problem(
              prefix
                  + "MODULES: "
                  + glob
                  + " is not in GONOSUMDB: its name would be sent to the"
                  + " checksum database "
                  + env.gosumdb());
        }
      } catch (InvalidInputException e) {
        // A host-only glob such as git.corp.example cannot be checked this way.
      }
    }
  }

  private static void checkGoAuth(Settings s, String goauth) {
    List<String> commands = List.of(goauth.split(";", -1));
    for (String c : commands) {
      String[] words = c.strip().isEmpty() ? new String[0] : c.strip().split("\\s+");
      if (words.length == 0) {
        s.problem("GOAUTH: an empty command");
      } else if (words[0].equals("off") && commands.size() != 1) {
        s.problem("GOAUTH: off cannot be combined with other authentication commands");
      } else if (words[0].equals("git")
          && (words.length != 2 || !java.nio.file.Path.of(words[1]).isAbsolute())) {
        s.problem("GOAUTH: git needs an absolute path to a git working directory");
      }
    }
  }

  private static boolean bool(Settings s, String name) {
    String v = s.string(name, "false").toLowerCase(Locale.ROOT);
    if (!v.equals("true") && !v.equals("false")) {
      s.problem(name + ": '" + v + "' is not true or false");
      return false;
    }
    return v.equals("true");
  }

  private static double weight(Settings s, String name) {
    String v = s.string(name, "1");
    try {
      double w = Double.parseDouble(v);
      if (w > 0 && !Double.isInfinite(w)) {
        return w;
      }
    } catch (NumberFormatException e) {
      // Reported below.
    }
    s.problem(name + ": '" + v + "' is not a positive number");
    return 1;
  }

  private static ModulePath module(Settings s, String name, String defaultValue) {
    String v = s.string(name, defaultValue);
    try {
      return ModulePath.of(v);
    } catch (InvalidInputException e) {
      s.problem(name + ": '" + v + "' is not a module path");
      return ModulePath.of(PoolSettings.DEFAULT_PROBE_MODULE);
    }
  }
}
