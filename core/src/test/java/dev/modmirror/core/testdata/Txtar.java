package dev.modmirror.core.testdata;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A txtar archive, read as golang.org/x/tools/txtar {@code Parse} reads it (the format of x/mod's
 * test data): a comment, then files, each introduced by a marker line {@code -- NAME --} (the name
 * trimmed; a marker with an empty name is text). A file's data is the lines up to the next marker;
 * the last file, or the comment when there is no file, gets a final newline if it lacks one. Names
 * may repeat, as in txtar; {@link #file} refuses to pick between two.
 *
 * <p>Comment lines of the form {@code key=value} are the case's parameters ({@link #param}), as in
 * x/mod's {@code zip/testdata/check_zip/*.txt}. This is the one txtar reader of core's tests.
 *
 * @param name the archive's file name, for failure messages
 * @param comment the text before the first marker
 * @param files the files in archive order
 */
public record Txtar(String name, String comment, List<Txtar.File> files) {
  /** One file of an archive. */
  public record File(String name, String data) {}

  public Txtar {
    files = List.copyOf(files);
  }

  /** Reads the resource {@code name} next to {@code anchor}'s package. */
  public static Txtar read(Class<?> anchor, String name) {
    return parse(name, CaseTable.Resources.text(anchor, name));
  }

  /**
   * The names ({@code dir/x.txt}) of every archive ending in {@code suffix} in the resource
   * directory {@code dir} next to {@code anchor}, sorted: a new case is a new file.
   *
   * @throws IllegalStateException if the directory is missing or holds no such file
   */
  public static List<String> list(Class<?> anchor, String dir, String suffix) {
    try (Stream<Path> files = Files.list(Path.of(anchor.getResource(dir).toURI()))) {
      List<String> names =
          files
              .map(f -> f.getFileName().toString())
              .filter(n -> n.endsWith(suffix))
              .sorted()
              .map(n -> dir + "/" + n)
              .toList();
      if (names.isEmpty()) {
        throw new IllegalStateException("no *" + suffix + " archives in " + dir);
      }
      return names;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (URISyntaxException | NullPointerException e) {
      throw new IllegalStateException("missing test resource directory " + dir, e);
    }
  }

  /** Parses archive text as txtar does. */
  public static Txtar parse(String name, String text) {
    List<File> files = new ArrayList<>();
    String comment = null;
    String current = null;
    int start = 0;
    int at = 0;
    while (at < text.length()) {
      int nl = text.indexOf('\n', at);
      int next = nl < 0 ? text.length() : nl + 1;
      String marker = marker(text.substring(at, nl < 0 ? text.length() : nl));
      if (marker != null) {
        if (current == null) {
          comment = text.substring(start, at);
        } else {
          files.add(new File(current, text.substring(start, at)));
        }
        current = marker;
        start = next;
      }
      at = next;
    }
    String rest = fixNewline(text.substring(Math.min(start, text.length())));
    if (current == null) {
      comment = rest;
    } else {
      files.add(new File(current, rest));
    }
    return new Txtar(name, comment, files);
  }

  /** The name of a marker line {@code -- NAME --}, or null (txtar's {@code isMarker}). */
  private static String marker(String line) {
    if (!line.startsWith("-- ") || !line.endsWith(" --") || line.length() < 6) {
      return null;
    }
    String n = line.substring(3, line.length() - 3).strip();
    return n.isEmpty() ? null : n;
  }

  private static String fixNewline(String data) {
    return data.isEmpty() || data.endsWith("\n") ? data : data + "\n";
  }

  /** The data of the one file named {@code file}; fails naming the archive otherwise. */
  public String file(String file) {
    List<String> data = files.stream().filter(f -> f.name().equals(file)).map(File::data).toList();
    if (data.size() != 1) {
      throw new IllegalStateException(
          name + ": " + (data.isEmpty() ? "no file " : "more than one file ") + file);
    }
    return data.get(0);
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
    return files.stream().map(File::name).toList();
  }
}
