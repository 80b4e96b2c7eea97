package dev.modmirror.deploy.bench;

import dev.modmirror.core.module.ModuleRef;
import dev.modmirror.embedded.module.BuiltModule;
import dev.modmirror.embedded.module.ModuleBuilder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.IntUnaryOperator;

/**
 * Writes {@code count} synthetic modules into a {@code file://} GOPROXY tree, one version each, and
 * the go.mod that requires them all. Deterministic: module {@code i} always gets the same bytes.
 * The payload is random (incompressible), so each zip is about the requested size.
 *
 * @param refs the versions written, in go.mod order
 * @param bytes the total size of every {@code .zip}, {@code .mod} and {@code .info} written
 */
record SyntheticUpstream(List<ModuleRef> refs, String goMod, long bytes) {
  private static final long SEED = 0x6d6f646d6972726fL;

  SyntheticUpstream {
    refs = List.copyOf(refs);
  }

  /** Writes the tree; keeps only one module's bytes in memory at a time. */
  static SyntheticUpstream write(Path root, String prefix, int count, int zipKib) {
    return write(root, prefix, count, i -> zipKib);
  }

  /**
   * As {@link #write(Path, String, int, int)}, module {@code i} with a zip of about size(i) KiB.
   */
  static SyntheticUpstream write(Path root, String prefix, int count, IntUnaryOperator zipKibOf) {
    List<ModuleRef> refs = new ArrayList<>();
    long bytes = 0;
    StringBuilder goMod = new StringBuilder("module bench.example/app\n\ngo 1.19\n\nrequire (\n");
    for (int i = 0; i < count; i++) {
      BuiltModule module =
          module(String.format(Locale.ROOT, "%s%05d", prefix, i), i, zipKibOf.applyAsInt(i));
      module.writeTo(root);
      refs.add(module.ref());
      bytes += module.zip().length + module.mod().length + module.info().length;
      goMod.append('\t').append(module.ref().path().value());
      goMod.append(' ').append(module.ref().version().value()).append('\n');
    }
    return new SyntheticUpstream(refs, goMod.append(")\n").toString(), bytes);
  }

  private static BuiltModule module(String path, int index, int zipKib) {
    byte[] payload = new byte[Math.max(0, zipKib * 1024 - 512)];
    new Random(SEED + index).nextBytes(payload);
    String name = path.substring(path.lastIndexOf('/') + 1);
    return ModuleBuilder.module(path)
        .version("v1.0.0")
        .time(ModuleBuilder.DEFAULT_TIME)
        .goMod("module " + path + "\n\ngo 1.19\n")
        .file(name + ".go", "package " + name + "\n")
        .file("testdata/payload.bin", payload)
        .build();
  }
}
