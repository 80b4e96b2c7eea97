package dev.modmirror.core.hash;

import dev.modmirror.core.module.ModuleRef;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Writes the GOPROXY file layout ({@code <escaped>/@v/list, .info, .mod, .zip}) for tests. */
final class GoproxyTree {
  private final Path root;

  GoproxyTree(Path root) {
    this.root = root;
  }

  String url() {
    return root.toUri().toString();
  }

  /** Adds one version; returns the path of its written zip. */
  Path add(ModuleRef ref, byte[] mod, byte[] zip) {
    try {
      Path v = root.resolve(ref.path().escaped()).resolve("@v");
      Files.createDirectories(v);
      String version = ref.version().escaped();
      Files.writeString(
          v.resolve("list"),
          ref.version().value() + "\n",
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
      Files.writeString(
          v.resolve(version + ".info"),
          "{\"Version\":\"" + ref.version().value() + "\",\"Time\":\"2026-01-02T03:04:05Z\"}",
          StandardCharsets.UTF_8);
      Files.write(v.resolve(version + ".mod"), mod);
      return Files.write(v.resolve(version + ".zip"), zip);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
