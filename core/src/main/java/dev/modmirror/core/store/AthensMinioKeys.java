package dev.modmirror.core.store;

import dev.modmirror.core.module.ModuleRef;
import java.util.List;

/**
 * The layout Athens' MinIO backend reads ({@code pkg/storage/minio}: {@code versionLocation} is
 * {@code <module>/<version>}): {@code <module>/<version>/go.mod}, {@code
 * <module>/<version>/source.zip} and {@code <module>/<version>/<version>.info}, decoded. Its lister
 * names a version when its {@code go.mod} exists, and its checker wants all three, so {@code
 * go.mod} is written last. The version directory is never {@code @v}, so no key meets the GOPROXY
 * tree.
 */
public final class AthensMinioKeys implements AthensLayout {
  static final AthensMinioKeys INSTANCE = new AthensMinioKeys();

  private AthensMinioKeys() {}

  @Override
  public String name() {
    return "minio";
  }

  @Override
  public String key(ModuleRef ref, Artifact artifact) {
    String directory = ref.path().value() + "/" + ref.version().value() + "/";
    return switch (artifact) {
      case MOD -> directory + "go.mod";
      case ZIP -> directory + "source.zip";
      case INFO -> directory + ref.version().value() + ".info";
    };
  }

  @Override
  public List<Artifact> writeOrder() {
    return List.of(Artifact.ZIP, Artifact.INFO, Artifact.MOD);
  }
}
