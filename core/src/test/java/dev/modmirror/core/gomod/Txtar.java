package dev.modmirror.core.gomod;

import java.util.ArrayList;
import java.util.List;

/**
 * The txtar archive format of golang.org/x/tools/txtar, which x/mod uses for its test data: a free
 * comment, then files, each introduced by a line {@code -- NAME --} and running to the next such
 * line. A file's content is kept byte for byte (a file at the end of an archive without a final
 * newline has none).
 *
 * @param comment the text before the first file
 * @param files the files in archive order
 */
record Txtar(String comment, List<Txtar.File> files) {

  /** One file of an archive. */
  record File(String name, String data) {}

  static Txtar parse(String text) {
    List<File> files = new ArrayList<>();
    String comment = "";
    String name = null;
    int start = 0;
    int at = 0;
    while (at < text.length()) {
      int end = text.indexOf('\n', at);
      int next = end < 0 ? text.length() : end + 1;
      String marker = marker(text.substring(at, end < 0 ? text.length() : end));
      if (marker != null) {
        if (name == null) {
          comment = text.substring(start, at);
        } else {
          files.add(new File(name, text.substring(start, at)));
        }
        name = marker;
        start = next;
      }
      at = next;
    }
    if (name == null) {
      comment = text;
    } else {
      files.add(new File(name, text.substring(Math.min(start, text.length()))));
    }
    return new Txtar(comment, files);
  }

  /** The file name of a marker line {@code -- NAME --}, or null. */
  private static String marker(String line) {
    if (line.startsWith("-- ") && line.endsWith(" --") && line.length() > 6) {
      String name = line.substring(3, line.length() - 3).strip();
      return name.isEmpty() ? null : name;
    }
    return null;
  }
}
