package dev.modmirror.fuzz;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * A permanent test vector: a case and Go's verdict on it when it was recorded. Text files, one per
 * vector: {@code #} comment lines (what it is, how it was found, the zip's structure), then {@code
 * kind K}, one {@code arg <base64>} per argument, and {@code go accept <result>} or {@code go
 * refuse <error>}.
 *
 * @param name the file name without extension
 * @param c the case
 * @param go Go's verdict when recorded
 */
public record Vector(String name, Case c, Verdict go) {
  /** Reads one vector file. */
  public static Vector read(Path file) {
    try {
      String kind = null;
      List<byte[]> args = new ArrayList<>();
      Verdict go = null;
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        if (line.startsWith("kind ")) {
          kind = line.substring(5);
        } else if (line.startsWith("arg ")) {
          args.add(Base64.getDecoder().decode(line.substring(4)));
        } else if (line.startsWith("go accept")) {
          go = Verdict.accept(line.length() > 10 ? line.substring(10) : "");
        } else if (line.startsWith("go refuse ")) {
          go = Verdict.refuse(line.substring(10));
        }
      }
      if (kind == null || go == null) {
        throw new IllegalArgumentException(file + " is not a vector file");
      }
      String base = file.getFileName().toString().replaceFirst("\\.vec$", "");
      return new Vector(base, new Case(kind, args, null), go);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes this vector as {@code dir/name.vec}; returns the file. */
  public Path write(Path dir, String comment) {
    StringBuilder b = new StringBuilder();
    for (String line : comment.split("\n")) {
      b.append("# ").append(line).append('\n');
    }
    b.append("kind ").append(c.kind()).append('\n');
    for (byte[] a : c.args()) {
      b.append("arg ").append(Base64.getEncoder().encodeToString(a)).append('\n');
    }
    b.append(go.ok() ? "go accept " + go.result() : "go refuse " + go.reason().replace('\n', ' '))
        .append('\n');
    try {
      Files.createDirectories(dir);
      return Files.writeString(dir.resolve(name + ".vec"), b.toString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
