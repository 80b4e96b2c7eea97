package dev.modmirror.testkit.goproxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modmirror.core.hash.DirHash;
import dev.modmirror.core.store.Artifact;
import dev.modmirror.embedded.module.BuiltModule;
import dev.modmirror.embedded.module.ModuleBuilder;
import dev.modmirror.gotool.GoToolchain;
import dev.modmirror.gotool.ModDownload;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The go command as referee: does it accept what ModuleBuilder builds and FakeGoProxy serves? */
class FakeGoProxyGoIT {
  private final GoToolchain go = GoToolchain.require();
  private final FakeGoProxy proxy = FakeGoProxy.start();
  @TempDir Path dir;

  private final BuiltModule hello =
      ModuleBuilder.module("example.com/Hello")
          .version("v1.0.0")
          .goMod("module example.com/Hello\n\ngo 1.19\n")
          .file("hello.go", "package hello\n\nfunc Hello() string { return \"hi\" }\n")
          .file("sub/sub.go", "package sub\n")
          .build();

  @AfterEach
  void close() {
    proxy.close();
  }

  @Test
  void goAcceptsBuiltModuleWithOurHashes() throws IOException {
    proxy.add(hello);
    ModDownload d =
        go.modDownloadJson(proxy.baseUrl().toString(), "off", "example.com/Hello@v1.0.0");
    assertThat(d.ok()).as("go said: %s", d).isTrue();
    System.out.printf(
        "go accepted example.com/Hello@v1.0.0: Sum %s GoModSum %s%n", d.sum(), d.goModSum());
    assertThat(d.sum()).isEqualTo(DirHash.hashZip(write(hello.zip())));
    assertThat(d.goModSum()).isEqualTo(DirHash.hashGoMod(hello.mod()));
    assertThat(proxy.requests()).allSatisfy(r -> assertThat(r.status()).isEqualTo(200));
  }

  @Test
  void goAcceptsTheWrittenFileTreeWithTheSameHash() {
    Path tree = dir.resolve("tree");
    hello.writeTo(tree);
    ModDownload d = go.modDownloadJson(tree.toUri().toString(), "off", "example.com/Hello@v1.0.0");
    assertThat(d.ok()).as("go said: %s", d).isTrue();
    assertThat(d.sum()).isEqualTo(DirHash.hashZip(write(hello.zip())));
  }

  @Test
  void goRejectsZipWithCorruptedFileData() {
    proxy.add(hello).inject(Match.artifact(hello.ref(), Artifact.ZIP), Fault.corrupt());
    ModDownload d =
        go.modDownloadJson(proxy.baseUrl().toString(), "off", "example.com/Hello@v1.0.0");
    assertThat(d.ok()).isFalse();
    assertThat(d.error()).isNotBlank().doesNotContain("404");
    // go did reach the zip: the rejection is about its bytes.
    assertThat(proxy.count("/example.com/!hello/@v/v1.0.0.zip")).isEqualTo(1);
    System.out.println("go rejected the corrupted zip: " + d.error());
  }

  @Test
  void goRejectsZipEntryOutsideTheModulePrefix() {
    proxy.add(
        ModuleBuilder.module("example.com/bad")
            .rawEntry("other.com/x@v1.0.0/x.go", "package x\n")
            .build());
    ModDownload d = go.modDownloadJson(proxy.baseUrl().toString(), "off", "example.com/bad@v1.0.0");
    assertThat(d.ok()).isFalse();
    assertThat(d.error()).contains("other.com/x@v1.0.0/x.go");
    System.out.println("go rejected the wrong prefix: " + d.error());
  }

  @Test
  void goReportsNotFoundForUnknownModule() {
    ModDownload d =
        go.modDownloadJson(proxy.baseUrl().toString(), "off", "example.com/none@v1.0.0");
    assertThat(d.ok()).isFalse();
    assertThat(d.error()).contains("404");
  }

  private Path write(byte[] zip) {
    try {
      return Files.write(Files.createTempFile(dir, "m", ".zip"), zip);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
