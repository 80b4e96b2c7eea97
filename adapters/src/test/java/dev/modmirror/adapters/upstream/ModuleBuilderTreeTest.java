package dev.modmirror.adapters.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modmirror.core.module.ModuleVersion;
import dev.modmirror.core.store.Artifact;
import dev.modmirror.core.upstream.Upstream;
import dev.modmirror.embedded.module.BuiltModule;
import dev.modmirror.embedded.module.ModuleBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The file:// client reads the GOPROXY tree that the test kit's ModuleBuilder writes. */
class ModuleBuilderTreeTest {

  private static byte[] readAll(InputStream in) throws IOException {
    try (in) {
      return in.readAllBytes();
    }
  }

  @Test
  void readsEveryArtifactAndTheListOfABuiltTree(@TempDir Path dir) throws IOException {
    BuiltModule upper =
        ModuleBuilder.module("github.com/BurntSushi/Toml")
            .version("v1.2.0")
            .goMod("module github.com/BurntSushi/Toml\n")
            .file("toml.go", "package toml\n")
            .build();
    BuiltModule lower =
        ModuleBuilder.module("example.com/warm/lib")
            .version("v1.0.0")
            .goMod("module example.com/warm/lib\n")
            .file("lib.go", "package lib\n")
            .build();
    upper.writeTo(dir);
    lower.writeTo(dir);
    Upstream tree = Upstreams.fromGoproxy(dir.toUri().toString(), UpstreamConfig.defaults());

    assertThat(readAll(tree.open(upper.ref(), Artifact.ZIP))).isEqualTo(upper.zip());
    assertThat(readAll(tree.open(upper.ref(), Artifact.MOD))).isEqualTo(upper.mod());
    assertThat(readAll(tree.open(lower.ref(), Artifact.INFO))).isEqualTo(lower.info());
    assertThat(tree.list(upper.ref().path()))
        .extracting(ModuleVersion::value)
        .containsExactly("v1.2.0");
  }
}
