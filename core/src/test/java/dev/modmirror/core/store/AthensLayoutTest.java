package dev.modmirror.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modmirror.core.error.InvalidInputException;
import dev.modmirror.core.module.ModuleRef;
import org.junit.jupiter.api.Test;

/**
 * The key layouts of Athens' storage, as Athens v0.18.0 builds its keys: {@code
 * config.PackageVersionedName} for S3/GCS/Azure, {@code versionLocation} for MinIO. Decoded paths
 * and versions, never {@code !}-escaped.
 */
class AthensLayoutTest {
  private static final ModuleRef UPPER = ModuleRef.of("github.com/Azure/Go-Thing", "v1.2.0-Beta");
  private static final ModuleRef LOWER = ModuleRef.of("example.com/lower", "v0.1.0");

  @Test
  void theS3LayoutIsTheGoproxyTreeDecoded() {
    AthensLayout s3 = AthensLayout.parse("s3").get(0);

    assertThat(s3.key(UPPER, Artifact.INFO))
        .isEqualTo("github.com/Azure/Go-Thing/@v/v1.2.0-Beta.info");
    assertThat(s3.key(UPPER, Artifact.MOD))
        .isEqualTo("github.com/Azure/Go-Thing/@v/v1.2.0-Beta.mod");
    assertThat(s3.key(UPPER, Artifact.ZIP))
        .isEqualTo("github.com/Azure/Go-Thing/@v/v1.2.0-Beta.zip");
    for (Artifact a : Artifact.values()) {
      assertThat(s3.key(LOWER, a)).isEqualTo(ObjectKeys.artifact(LOWER, a));
    }
    assertThat(s3.writeOrder()).containsExactly(Artifact.MOD, Artifact.ZIP, Artifact.INFO);
  }

  @Test
  void theMinioLayoutKeepsAVersionInItsOwnDirectoryWithGoModLast() {
    AthensLayout minio = AthensLayout.parse("minio").get(0);

    assertThat(minio.key(UPPER, Artifact.MOD))
        .isEqualTo("github.com/Azure/Go-Thing/v1.2.0-Beta/go.mod");
    assertThat(minio.key(UPPER, Artifact.ZIP))
        .isEqualTo("github.com/Azure/Go-Thing/v1.2.0-Beta/source.zip");
    assertThat(minio.key(UPPER, Artifact.INFO))
        .isEqualTo("github.com/Azure/Go-Thing/v1.2.0-Beta/v1.2.0-Beta.info");
    assertThat(minio.writeOrder()).containsExactly(Artifact.ZIP, Artifact.INFO, Artifact.MOD);
    for (Artifact a : Artifact.values()) {
      assertThat(minio.key(LOWER, a)).doesNotContain("/@v/");
    }
  }

  @Test
  void parsesNoneOneOrBothLayoutsAndNamesAnUnknownOne() {
    assertThat(AthensLayout.parse("none")).isEmpty();
    assertThat(AthensLayout.parse("")).isEmpty();
    assertThat(AthensLayout.parse("S3, minio,s3"))
        .extracting(AthensLayout::name)
        .containsExactly("s3", "minio");
    assertThatThrownBy(() -> AthensLayout.parse("s3,disk"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("unknown Athens layout 'disk'");
  }
}
