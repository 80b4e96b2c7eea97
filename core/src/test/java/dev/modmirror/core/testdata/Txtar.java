package dev.modmirror.core.testdata;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A txtar archive (golang.org/x/tools/txtar, the format of x/mod's test data): a comment, then
 * files, each introduced by a marker line {@code -- NAME --}. A file's data is the lines up to the
 * next marker; the last file gets a final newline if it lacks one, as txtar does.
 *
 * <p>Comment lines of the form {@code key=value} are the case's parameters ({@link #param}), as in
 * x/mod's {@code zip/testdata/check_zip/*.txt}.
 *
 * @param name the archive's file name, for failure messages
 * @param comment the text before the first marker
 * @param files the files in archive order
 */
public record Txtar(String name, String comment, Map<String, String> files) {
  public Txtar {
    files = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(files));
  }

  /** Reads the resource {@code name} next to {@code anchor}'s package. */
  public static Txtar read(Class<?> anchor, String name) {
    return parse(name, CaseTable.Resources.text(anchor, name));
  }

  /**
   * The names ({@code dir/x.txt}) of every {@code *.txt} archive in the resource directory {@code
   * dir} next to {@code anchor}, sorted: a new case is a new file.
   *
   * @throws IllegalStateException if the directory is missing or empty
   */
  public static List<String> list(Class<?> anchor, String dir) {
    try (Stream<Path> files = Files.list(Path.of(anchor.getResource(dir).toURI()))) {
      List<String> names =
          files
              .map(f -> f.getFileName().toString())
              .filter(n -> n.endsWith(".txt"))
              .sorted()
              .map(n -> dir + "/" + n)
              .toList();
      if (names.isEmpty()) {
        throw new IllegalStateException("no *.txt cases in " + dir);
      }
      return names;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (URISyntaxException | NullPointerException e) {
      throw new IllegalStateException("missing test resource directory " + dir, e);
    }
  }

  /** Parses archive text. */
  public static Txtar parse(String name, String text) {
    Map<String, String> files = new LinkedHashMap<>();
    StringBuilder comment = new StringBuilder();
    String current = null;
    StringBuilder data = comment;
    int start = 0;
    while (start < text.length()) {
      int nl = text.indexOf('\n', start);
      int end = nl < 0 ? text.length() : nl + 1;
      String line = text.substring(start, end);
      String marker = marker(line);
      if (marker != null) {
        if (current != null) {
          put(name, files, current, data.toString());
        }
        current = marker;
        data = new StringBuilder();
      } else {
        data.append(line);
      }
      start = end;
    }
    if (current != null) {
      String last = data.toString();
      put(name, files, current, last.isEmpty() || last.endsWith("\n") ? last : last + "\n");
    }
    return new Txtar(name, comment.toString(), files);
  }

  private static void put(String archive, Map<String, String> files, String file, String data) {
    if (files.putIfAbsent(file, data) != null) {
      throw new IllegalStateException(archive + ": file " + file + " appears twice");
    }
  }

  private static String marker(String line) {
    String l = line.endsWith("\n") ? line.substring(0, line.length() - 1) : line;
    if (!l.startsWith("-- ") || !l.endsWith(" --") || l.length() < 7) {
      return null;
    }
    String n = l.substring(3, l.length() - 3).strip();
    return n.isEmpty() ? null : n;
  }

  /** The data of file {@code file}; fails naming the archive when it is absent. */
  public String file(String file) {
    String data = files.get(file);
    if (data == null) {
      throw new IllegalStateException(name + ": no file " + file);
    }
    return data;
  }

  /** The value of a {@code key=value} comment line; empty when there is none. */
  public Optional<String> param(String key) {
    for (String line : comment.split("\n")) {
      int eq = line.indexOf('=');
      if (eq > 0 && line.substring(0, eq).strip().equals(key)) {
        return Optional.of(line.substring(eq + 1).strip());
      }
    }
    return Optional.empty();
  }

  /** The names of the files, in archive order. */
  public List<String> names() {
    return new ArrayList<>(files.keySet());
  }
}
