package dev.modmirror.core.config;

import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.function.Function;

/**
 * Typed access to settings named by environment variable ({@code MODMIRROR_KAFKA_BOOTSTRAP}).
 * Environment variables win over the optional properties file, whose keys are the same names.
 * Problems are collected, not thrown: call {@link #validate()} once every setting was read, so an
 * operator sees all mistakes in one start. Values of settings marked secret never appear in
 * messages.
 */
public final class Settings {
  private final Map<String, String> values;
  private final List<String> problems = new ArrayList<>();
  // Every name a reader asked for: the settings the code knows, checked against the docs.
  private final Set<String> asked = new LinkedHashSet<>();

  private Settings(Map<String, String> values) {
    this.values = values;
  }

  /**
   * Settings from the environment, over the properties file named by {@code MODMIRROR_CONFIG} when
   * that variable is set. An unreadable file is a problem reported by {@link #validate()}.
   */
  public static Settings fromEnvironment(Map<String, String> env) {
    Map<String, String> merged = new HashMap<>();
    List<String> fileProblems = new ArrayList<>();
    String file = env.get("MODMIRROR_CONFIG");
    if (file != null && !file.isBlank()) {
      Properties props = new Properties();
      try (Reader in = Files.newBufferedReader(Path.of(file))) {
        props.load(in);
        props.stringPropertyNames().forEach(k -> merged.put(k, props.getProperty(k)));
      } catch (IOException | IllegalArgumentException e) {
        fileProblems.add("MODMIRROR_CONFIG: cannot read " + file + ": " + e.getMessage());
      }
    }
    merged.putAll(env);
    Settings settings = new Settings(merged);
    settings.problems.addAll(fileProblems);
    return settings;
  }

  /** A raw value, or empty if unset or blank. */
  public Optional<String> raw(String name) {
    asked.add(name);
    String v = values.get(name);
    return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.trim());
  }

  public String string(String name, String defaultValue) {
    return raw(name).orElse(defaultValue);
  }

  /**
   * A value that must be set; records a problem (naming the variable, never a value) when it is
   * not. Only typed settings that fail to parse show their value in a problem, so secrets, which
   * are strings, are read here or with {@link #string}.
   */
  public String required(String name) {
    return raw(name)
        .orElseGet(
            () -> {
              problems.add(name + ": required but not set");
              return "";
            });
  }

  public int integer(String name, int defaultValue, int min, int max) {
    int v = parse(name, defaultValue, Integer::parseInt, "an integer");
    if (v < min || v > max) {
      problems.add(name + ": " + v + " is outside [" + min + ", " + max + "]");
      return defaultValue;
    }
    return v;
  }

  public long bytes(String name, long defaultValue, long min) {
    long v = parse(name, defaultValue, Long::parseLong, "a byte count");
    if (v < min) {
      problems.add(name + ": " + v + " is below " + min);
      return defaultValue;
    }
    return v;
  }

  /** An ISO-8601 duration ({@code PT30S}) or plain milliseconds. */
  public Duration duration(String name, Duration defaultValue) {
    return parse(
        name,
        defaultValue,
        s ->
            s.chars().allMatch(Character::isDigit)
                ? Duration.ofMillis(Long.parseLong(s))
                : Duration.parse(s),
        "an ISO-8601 duration such as PT30S, or milliseconds");
  }

  public URI uri(String name, URI defaultValue) {
    return parse(name, defaultValue, Settings::absoluteUri, "an absolute URI");
  }

  public Path path(String name, Path defaultValue) {
    return parse(name, defaultValue, Path::of, "a file system path");
  }

  /** {@code true} or {@code false}, in any case. */
  public boolean bool(String name, boolean defaultValue) {
    return parse(
        name,
        defaultValue,
        s -> {
          if (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(s);
          }
          throw new IllegalArgumentException(s);
        },
        "true or false");
  }

  /** A comma-separated list; empty list if unset. */
  public List<String> list(String name, List<String> defaultValue) {
    return raw(name)
        .map(s -> List.of(s.split("\\s*,\\s*")))
        .map(l -> l.stream().filter(x -> !x.isEmpty()).toList())
        .orElse(defaultValue);
  }

  /**
   * Every name this instance was asked for so far, set or not, in first-asked order: the settings
   * its readers know (ConfigurationDocTest checks them against docs/configuration.md).
   */
  public Set<String> names() {
    return Collections.unmodifiableSet(asked);
  }

  /** Records a problem found by a caller's own cross-field check. */
  public void problem(String message) {
    problems.add(message);
  }

  /**
   * @throws ConfigException listing every problem recorded so far, if any
   */
  public void validate() {
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
  }

  private <T> T parse(String name, T defaultValue, Function<String, T> parser, String expected) {
    Optional<String> v = raw(name);
    if (v.isEmpty()) {
      return defaultValue;
    }
    try {
      return parser.apply(v.get());
    } catch (RuntimeException e) {
      problems.add(name + ": '" + v.get() + "' is not " + expected);
      return defaultValue;
    }
  }

  private static URI absoluteUri(String s) {
    try {
      URI uri = new URI(s);
      if (!uri.isAbsolute()) {
        throw new IllegalArgumentException("not absolute");
      }
      return uri;
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(e);
    }
  }
}
