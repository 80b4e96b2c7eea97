package dev.modmirror.core.store;

import dev.modmirror.core.module.ModuleRef;
import java.util.List;

/**
 * The layout Athens' S3, GCS and Azure Blob backends read ({@code pkg/config.PackageVersionedName}:
 * {@code <module>/@v/<version>.<ext>}): the GOPROXY tree's shape with the module path and version
 * decoded. Athens' lister names the versions whose {@code .info} exists under {@code <module>/@v},
 * so {@code .info} is written last. For a module path and version without upper-case letters these
 * are exactly {@link ObjectKeys}' keys: the same objects, written once.
 */
public final class AthensS3Keys implements AthensLayout {
  static final AthensS3Keys INSTANCE = new AthensS3Keys();

  private AthensS3Keys() {}

  @Override
  public String name() {
    return "s3";
  }

  /** {@code <module>/@v/<version>.{info,mod,zip}}, decoded. */
  @Override
  public String key(ModuleRef ref, Artifact artifact) {
    return ref.path().value() + "/@v/" + ref.version().value() + artifact.extension();
  }

  @Override
  public List<Artifact> writeOrder() {
    return List.of(Artifact.MOD, Artifact.ZIP, Artifact.INFO);
  }
}
