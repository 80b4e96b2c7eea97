package dev.modmirror.deploy;

import dev.modmirror.core.module.ModuleRef;
import dev.modmirror.core.store.Artifact;
import dev.modmirror.core.store.ModuleStore;
import dev.modmirror.core.store.ObjectKeys;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Copies a version out of a bucket into a directory tree that {@code GOPROXY=file://} serves. */
final class RegionTree {
  private RegionTree() {}

  static void export(ModuleStore store, ModuleRef ref, Path root) throws IOException {
    for (Artifact artifact : Artifact.values()) {
      Path target = root.resolve(ObjectKeys.artifact(ref, artifact));
      Files.createDirectories(target.getParent());
      try (InputStream in = store.open(ref, artifact).orElseThrow()) {
        Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
      }
    }
    Path list = root.resolve(ObjectKeys.list(ref.path()));
    Files.writeString(list, store.readList(ref.path()).orElseThrow());
  }
}
