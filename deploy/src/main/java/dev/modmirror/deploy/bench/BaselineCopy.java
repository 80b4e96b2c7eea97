package dev.modmirror.deploy.bench;

import dev.modmirror.core.module.ModuleRef;
import dev.modmirror.core.store.Artifact;
import dev.modmirror.core.store.ModuleStore;
import dev.modmirror.core.store.ObjectKeys;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The baseline of the warm benchmark: the same bytes copied upstream tree to primary bucket to each
 * region bucket, one version after another, with store puts (and the gets that feed the region
 * puts) only: no Kafka, no verification, no hashing. What a plain sequential copy costs on the same
 * servers.
 */
final class BaselineCopy {
  // Artifact's declaration order is ModuleStore.save's (.info last, the completion marker); the
  // baseline does not rebuild @v/list: it is store puts only.
  private static final List<Artifact> ORDER = List.of(Artifact.values());

  private BaselineCopy() {}

  /** Copies every ref; returns the elapsed nanoseconds. */
  static long run(Path tree, List<ModuleRef> refs, ModuleStore primary, List<ModuleStore> regions) {
    long started = System.nanoTime();
    for (ModuleRef ref : refs) {
      for (Artifact artifact : ORDER) {
        Path file = tree.resolve(ObjectKeys.artifact(ref, artifact));
        try (InputStream in = Files.newInputStream(file)) {
          long length = Files.size(file);
          primary.put(ref, artifact, in, length);
          for (ModuleStore region : regions) {
            copy(ref, artifact, length, primary, region);
          }
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }
    return System.nanoTime() - started;
  }

  private static void copy(
      ModuleRef ref, Artifact artifact, long length, ModuleStore from, ModuleStore to)
      throws IOException {
    try (InputStream in =
        from.open(ref, artifact)
            .orElseThrow(() -> new IllegalStateException("just put, now absent: " + ref))) {
      to.put(ref, artifact, in, length);
    }
  }
}
