package dev.modmirror.adapters.upstream;

import dev.modmirror.core.error.InvalidInputException;
import dev.modmirror.core.error.TransientException;
import dev.modmirror.core.module.ModuleVersion;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Reads an {@code @v/list} body as the go command does (proxyRepo.Versions): the first field of
 * each line, kept if it is a valid canonical version and not a pseudo-version, sorted, without
 * duplicates. Anything else on a line is ignored, as Go ignores it.
 */
final class VersionList {
  private VersionList() {}

  static List<ModuleVersion> read(InputStream body, String what) {
    String text;
    try (body) {
      text = new String(body.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new TransientException("read failed from " + what + ": " + e);
    }
    TreeSet<ModuleVersion> versions = new TreeSet<>();
    for (String line : text.split("\n", -1)) {
      String[] fields = line.strip().split("\\s+", 2);
      ModuleVersion v = parse(fields[0]);
      if (v != null && !v.isPseudo()) {
        versions.add(v);
      }
    }
    return List.copyOf(versions);
  }

  private static final java.util.regex.Pattern VERSION =
      java.util.regex.Pattern.compile("\"Version\"\\s*+:\\s*+\"([^\"\\\\]{1,200}+)\"");

  /**
   * Reads an {@code @latest} body ({@code {"Version":"v1.2.3","Time":…}}).
   *
   * @throws InvalidInputException if it names no canonical version
   */
  static ModuleVersion latest(InputStream body, String what) {
    String text;
    try (body) {
      text = new String(body.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new TransientException("read failed from " + what + ": " + e);
    }
    java.util.regex.Matcher m = VERSION.matcher(text);
    ModuleVersion v = m.find() ? parse(m.group(1)) : null;
    if (v == null) {
      throw new InvalidInputException(what + " names no canonical version");
    }
    return v;
  }

  private static ModuleVersion parse(String field) {
    if (Objects.requireNonNull(field).isEmpty()) {
      return null;
    }
    try {
      return ModuleVersion.of(field);
    } catch (InvalidInputException e) {
      return null;
    }
  }
}
