package dev.modmirror.adapters.upstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modmirror.core.error.InvalidInputException;
import dev.modmirror.core.error.NotFoundException;
import dev.modmirror.core.error.PermanentException;
import dev.modmirror.core.module.ModulePath;
import dev.modmirror.core.module.ModuleRef;
import dev.modmirror.core.module.ModuleVersion;
import dev.modmirror.core.store.Artifact;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FileGoproxyTest {
  private static final ModuleRef REF = ModuleRef.of("github.com/BurntSushi/toml", "v1.2.0");
  private static final UpstreamConfig CONFIG = UpstreamConfig.defaults().withCaps(1000, 100);

  @TempDir Path dir;
  private Path root;
  private FileGoproxy proxy;

  @BeforeEach
  void tree() throws IOException {
    root = dir.resolve("tree");
    Path v = root.resolve("github.com/!burnt!sushi/toml/@v");
    Files.createDirectories(v);
    Files.write(v.resolve("v1.2.0.zip"), new byte[] {1, 2, 3});
    Files.writeString(v.resolve("v1.2.0.mod"), "module github.com/BurntSushi/toml\n");
    Files.writeString(v.resolve("list"), "v1.2.0\nv1.1.0\n");
    Files.writeString(dir.resolve("secret.zip"), "outside the root");
    proxy = new FileGoproxy(root.toUri(), CONFIG);
  }

  private static byte[] readAll(InputStream in) throws IOException {
    try (in) {
      return in.readAllBytes();
    }
  }

  @Test
  void readsTheCaseEncodedLayout() throws IOException {
    assertThat(readAll(proxy.open(REF, Artifact.ZIP))).containsExactly(1, 2, 3);
    assertThat(proxy.list(ModulePath.of("github.com/BurntSushi/toml")))
        .extracting(ModuleVersion::value)
        .containsExactly("v1.1.0", "v1.2.0");
  }

  @Test
  void readsLatestAndCallsItsAbsenceNotFound() throws IOException {
    Files.writeString(
        root.resolve("github.com/!burnt!sushi/toml/@latest"),
        "{\"Version\":\"v0.0.0-20190101000000-abcdefabcdef\",\"Time\":\"2019-01-01T00:00:00Z\"}");

    assertThat(proxy.latest(dev.modmirror.core.module.ModulePath.of("github.com/BurntSushi/toml")))
        .isEqualTo(
            dev.modmirror.core.module.ModuleVersion.of("v0.0.0-20190101000000-abcdefabcdef"));
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> proxy.latest(dev.modmirror.core.module.ModulePath.of("example.com/none")))
        .isInstanceOf(dev.modmirror.core.error.NotFoundException.class);
  }

  @Test
  void aPathThatDiffersOnlyInCaseIsAnotherModule() {
    assertThatThrownBy(
            () -> proxy.open(ModuleRef.of("github.com/burntsushi/toml", "v1.2.0"), Artifact.ZIP))
        .isInstanceOf(NotFoundException.class);
  }

  @Test
  void missingFilesAreNotFound() {
    assertThatThrownBy(() -> proxy.open(REF, Artifact.INFO))
        .isInstanceOf(NotFoundException.class)
        .satisfies(e -> assertThat(((NotFoundException) e).version()).contains("v1.2.0"));
    assertThatThrownBy(() -> proxy.list(ModulePath.of("example.com/none")))
        .isInstanceOf(NotFoundException.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {"../secret.zip", "a/../../secret.zip", "/etc/passwd", "", "."})
  void refusesPathsOutsideTheRoot(String relative) {
    assertThatThrownBy(() -> proxy.resolve(relative, "m", "v"))
        .isInstanceOf(PermanentException.class)
        .hasMessageContaining("outside the GOPROXY root");
  }

  @Test
  void checkedModulePathsCannotTraverse() {
    assertThatThrownBy(() -> ModuleRef.of("example.com/../../secret", "v1.0.0"))
        .isInstanceOf(InvalidInputException.class);
  }

  @Test
  void filesAboveTheCapArePermanent() throws IOException {
    Files.write(root.resolve("github.com/!burnt!sushi/toml/@v/v1.2.0.info"), new byte[101]);
    assertThatThrownBy(() -> proxy.open(REF, Artifact.INFO))
        .isInstanceOf(PermanentException.class)
        .hasMessageContaining("size cap of 100");
  }

  @Test
  void rejectsFileUrlsWithAHost() {
    assertThatThrownBy(() -> new FileGoproxy(URI.create("file://host/srv"), CONFIG))
        .isInstanceOf(InvalidInputException.class);
  }

  @Test
  void describesItsRoot() {
    assertThat(proxy.describe()).startsWith("file:").contains("tree");
  }
}
