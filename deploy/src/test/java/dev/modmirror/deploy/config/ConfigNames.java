package dev.modmirror.deploy.config;

import dev.modmirror.core.config.ConfigException;
import dev.modmirror.core.config.Settings;
import dev.modmirror.deploy.service.StatusSurface;
import dev.modmirror.deploy.wiring.Deployment;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The {@code MODMIRROR_*} names that the code reads, that docs/configuration.md documents and that
 * a manifest sets, so that tests can hold them equal. Names made from a region's or an upstream's
 * name are written with {@code <NAME>} in its place, as the docs write them.
 */
public final class ConfigNames {
  /** A variable name, whole: not a prefix such as {@code "MODMIRROR_REGION_" + name}. */
  private static final Pattern NAME =
      Pattern.compile("MODMIRROR_[A-Z0-9_]*[A-Z0-9](?![A-Za-z0-9_])");

  private static final Pattern DOC_NAME = Pattern.compile("`(MODMIRROR_[A-Z0-9_<>]*[A-Z0-9>])`");
  private static final Pattern DOC_SUFFIX = Pattern.compile("`(_[A-Z0-9_]+)`");
  private static final String REGION = "zz-region";
  private static final String UPSTREAM = "zz-upstream";

  private ConfigNames() {}

  /** The repository's root: the first directory above the working directory holding mvnw. */
  public static Path root() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.exists(dir.resolve("mvnw"))) {
      dir = dir.getParent();
    }
    if (dir == null) {
      throw new IllegalStateException("no mvnw above " + Path.of("").toAbsolutePath());
    }
    return dir;
  }

  /**
   * Every name in the first column of docs/configuration.md's tables. A cell may list several
   * ({@code `A`, `B`}) and abbreviate a sibling by its suffix ({@code `…_USERNAME`, `_PASSWORD`}).
   */
  public static Set<String> documented() {
    Set<String> names = new TreeSet<>();
    for (String line : lines(root().resolve("docs/configuration.md"))) {
      if (!line.startsWith("| `")) {
        continue;
      }
      String cell = line.substring(1, line.indexOf('|', 1));
      String last = null;
      Matcher m = DOC_NAME.matcher(cell);
      while (m.find()) {
        last = m.group(1);
        names.add(last);
      }
      Matcher suffix = DOC_SUFFIX.matcher(cell);
      while (last != null && suffix.find()) {
        names.add(last.substring(0, last.lastIndexOf('_')) + suffix.group(1));
      }
    }
    return names;
  }

  /**
   * Every name the code reads: those that the settings readers ask for when given a deployment with
   * one region and one upstream in the pool form (recorded by {@link Settings#names()}), and every
   * whole {@code "MODMIRROR_…"} literal in the main sources, the launcher script and the logback
   * configuration (the few read without {@link Settings}: log level and format, the token of {@code
   * modmirror upstreams}, the JVM options of the script).
   */
  public static Set<String> read() {
    Set<String> names = new TreeSet<>();
    Settings s = Settings.fromEnvironment(fullEnvironment());
    try {
      Deployment.from(s, fullEnvironment(), Deployment.INGEST);
    } catch (ConfigException e) {
      throw new AssertionError("the full environment of ConfigNames must be valid: " + e, e);
    }
    StatusSurface.bind("WARMER", s);
    StatusSurface.bind("REPLICATOR", s);
    dev.modmirror.replicator.ReconcileConfig.from(s);
    s.names().stream()
        .filter(n -> n.startsWith("MODMIRROR_"))
        .map(ConfigNames::generic)
        .forEach(names::add);
    names.add("MODMIRROR_CONFIG"); // read by Settings.fromEnvironment itself
    Path root = root();
    try (Stream<Path> files = Files.walk(root)) {
      files
          .filter(p -> p.toString().endsWith(".java"))
          .filter(p -> root.relativize(p).toString().matches("[^/]+/src/main/java/.*"))
          .forEach(p -> names.addAll(literals(read(p))));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    names.addAll(setIn(read(root.resolve("modmirror"))));
    names.addAll(setIn(read(root.resolve("deploy/src/main/resources/logback.xml"))));
    return names;
  }

  /** Whether {@code name}, as a manifest sets it, is one the code reads. */
  public static boolean known(Set<String> read, String name) {
    if (read.contains(name)) {
      return true;
    }
    return read.stream()
        .filter(r -> r.contains("<NAME>"))
        .anyMatch(r -> name.matches(Pattern.quote(r).replace("<NAME>", "\\E[A-Z0-9_]+\\Q")));
  }

  /** Every whole {@code MODMIRROR_*} name in a text (a manifest, a script). */
  public static Set<String> setIn(String text) {
    Set<String> names = new TreeSet<>();
    Matcher m = NAME.matcher(text);
    while (m.find()) {
      names.add(m.group());
    }
    return names;
  }

  private static Set<String> literals(String java) {
    Set<String> names = new TreeSet<>();
    Matcher m = Pattern.compile("\"(" + NAME.pattern() + ")").matcher(java);
    while (m.find()) {
      names.add(m.group(1));
    }
    return names;
  }

  private static String generic(String name) {
    return name.replace("_" + envName(REGION) + "_", "_<NAME>_")
        .replace("_" + envName(UPSTREAM) + "_", "_<NAME>_");
  }

  private static String envName(String name) {
    return name.toUpperCase(java.util.Locale.ROOT).replace('-', '_');
  }

  /** A valid environment that takes every reader down every branch that reads a name. */
  private static Map<String, String> fullEnvironment() {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("MODMIRROR_KAFKA_BOOTSTRAP", "127.0.0.1:9092");
    env.put("MODMIRROR_S3_ENDPOINT", "http://127.0.0.1:9000");
    env.put("MODMIRROR_S3_ACCESS_KEY", "key");
    env.put("MODMIRROR_S3_SECRET_KEY", "secret");
    env.put("MODMIRROR_REGIONS", REGION);
    String region = "MODMIRROR_REGION_" + envName(REGION) + "_";
    env.put(region + "ENDPOINT", "http://127.0.0.1:9001");
    env.put(region + "ACCESS_KEY", "key");
    env.put(region + "SECRET_KEY", "secret");
    env.put("MODMIRROR_UPSTREAMS", UPSTREAM);
    env.put("MODMIRROR_UPSTREAM_" + envName(UPSTREAM) + "_URL", "https://proxy.example.com");
    env.put("GOAUTH", "off");
    env.put("MODMIRROR_WARMER_HTTP_PORT", "0");
    env.put("MODMIRROR_REPLICATOR_HTTP_PORT", "0");
    return env;
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static java.util.List<String> lines(Path file) {
    return read(file).lines().toList();
  }
}
