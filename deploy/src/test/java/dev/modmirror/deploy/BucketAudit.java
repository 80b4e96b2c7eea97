package dev.modmirror.deploy;

import dev.modmirror.core.module.ModulePath;
import dev.modmirror.core.module.ModuleRef;
import dev.modmirror.core.store.Artifact;
import dev.modmirror.core.store.ModuleStore;
import dev.modmirror.embedded.module.BuiltModule;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a bucket back the way a GOPROXY client would and lists what breaks the storage promises: an
 * object whose bytes are not the upstream's (torn, partial, corrupted), a version marked complete
 * ({@code .info}) whose {@code .mod} or {@code .zip} is missing, a {@code @v/list} naming a version
 * that is not complete.
 */
public final class BucketAudit {
  private BucketAudit() {}

  /** Every problem found for {@code modules}; empty when the bucket keeps every promise. */
  public static List<String> problems(ModuleStore store, Collection<BuiltModule> modules) {
    List<String> problems = new ArrayList<>();
    Set<ModulePath> paths = new LinkedHashSet<>();
    for (BuiltModule module : modules) {
      ModuleRef ref = module.ref();
      paths.add(ref.path());
      Optional<byte[]> zip = read(store, ref, Artifact.ZIP);
      Optional<byte[]> mod = read(store, ref, Artifact.MOD);
      Optional<byte[]> info = read(store, ref, Artifact.INFO);
      zip.filter(z -> !Arrays.equals(z, module.zip()))
          .ifPresent(
              z -> problems.add(ref + ": .zip is not the upstream's (" + z.length + " bytes)"));
      mod.filter(m -> !Arrays.equals(m, module.mod()))
          .ifPresent(m -> problems.add(ref + ": .mod is not the upstream's"));
      if (info.isPresent() && (zip.isEmpty() || mod.isEmpty())) {
        problems.add(ref + ": .info without " + (zip.isEmpty() ? ".zip" : ".mod"));
      }
    }
    for (ModulePath path : paths) {
      for (String listed : store.readList(path).orElse("").lines().toList()) {
        ModuleRef ref = ModuleRef.of(path.value(), listed);
        if (store.size(ref, Artifact.INFO).isEmpty()) {
          problems.add(path + "/@v/list names " + listed + ", which has no .info");
        }
      }
    }
    return problems;
  }

  /** The versions of {@code modules} that are complete in {@code store} ({@code .info} exists). */
  public static Set<ModuleRef> complete(ModuleStore store, Collection<BuiltModule> modules) {
    Set<ModuleRef> complete = new LinkedHashSet<>();
    modules.forEach(
        m -> store.size(m.ref(), Artifact.INFO).ifPresent(size -> complete.add(m.ref())));
    return complete;
  }

  private static Optional<byte[]> read(ModuleStore store, ModuleRef ref, Artifact artifact) {
    return store
        .open(ref, artifact)
        .map(
            in -> {
              try (InputStream stream = in) {
                return stream.readAllBytes();
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            });
  }
}
