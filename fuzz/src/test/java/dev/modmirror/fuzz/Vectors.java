package dev.modmirror.fuzz;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The vector files under test resources. */
final class Vectors {
  private Vectors() {}

  static Path dir() {
    try {
      return Path.of(Vectors.class.getResource("vectors").toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static Stream<Vector> all() {
    try (Stream<Path> files = Files.list(dir())) {
      List<Path> sorted = files.filter(p -> p.toString().endsWith(".vec")).sorted().toList();
      return sorted.stream().map(Vector::read);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
