package dev.modmirror.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modmirror.core.module.ModulePath;
import dev.modmirror.core.module.ModuleRef;
import org.junit.jupiter.api.Test;

/** The key layout is a contract: a GOPROXY tree with case-encoded paths and versions. */
class ObjectKeysTest {
  @Test
  void laysOutKeysAsAGoproxyTree() {
    ModuleRef ref = ModuleRef.of("github.com/Azure/go-AMQP", "v1.0.0-RC.1");
    assertThat(ObjectKeys.artifact(ref, Artifact.INFO))
        .isEqualTo("github.com/!azure/go-!a!m!q!p/@v/v1.0.0-!r!c.1.info");
    assertThat(ObjectKeys.artifact(ref, Artifact.MOD))
        .isEqualTo("github.com/!azure/go-!a!m!q!p/@v/v1.0.0-!r!c.1.mod");
    assertThat(ObjectKeys.artifact(ref, Artifact.ZIP))
        .isEqualTo("github.com/!azure/go-!a!m!q!p/@v/v1.0.0-!r!c.1.zip");
    assertThat(ObjectKeys.list(ModulePath.of("example.com/a/b")))
        .isEqualTo("example.com/a/b/@v/list");
    assertThat(ObjectKeys.latest(ModulePath.of("github.com/Azure/x")))
        .isEqualTo("github.com/!azure/x/@latest");
    assertThat(ObjectKeys.versionDirectory(ModulePath.of("example.com/a/b")))
        .isEqualTo("example.com/a/b/@v/");
    assertThat(ObjectKeys.versionDirectory(ModulePath.of("example.com/a/b-c")))
        .doesNotStartWith(ObjectKeys.versionDirectory(ModulePath.of("example.com/a/b")));
    assertThat(ObjectKeys.versionDirectory(ModulePath.of("example.com/a/b/v2")))
        .doesNotStartWith(ObjectKeys.versionDirectory(ModulePath.of("example.com/a/b")));
    assertThat(Artifact.values()).containsExactly(Artifact.MOD, Artifact.ZIP, Artifact.INFO);
    assertThat(Artifact.INFO.contentType()).isEqualTo("application/json");
    assertThat(Artifact.MOD.contentType()).isEqualTo("text/plain; charset=utf-8");
    assertThat(Artifact.ZIP.contentType()).isEqualTo("application/zip");
  }
}
