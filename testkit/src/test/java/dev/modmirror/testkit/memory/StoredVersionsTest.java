package dev.modmirror.testkit.memory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modmirror.core.hash.DirHash;
import dev.modmirror.core.module.ModuleRef;
import dev.modmirror.core.store.Artifact;
import dev.modmirror.core.store.CompletionMarker;
import dev.modmirror.core.store.StoredVersions;
import dev.modmirror.core.store.StoredVersions.Depth;
import dev.modmirror.core.store.VersionFiles;
import dev.modmirror.core.store.VersionHashes;
import dev.modmirror.embedded.module.BuiltModule;
import dev.modmirror.embedded.module.ModuleBuilder;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** core's StoredVersions over the in-memory store: what a read-back finds, and what it adopts. */
class StoredVersionsTest {
  @TempDir Path spool;
  private final InMemoryModuleStore store = InMemoryModuleStore.create("primary");
  private final BuiltModule module = module("package a\n");
  private final ModuleRef ref = module.ref();

  private StoredVersions versions() {
    return new StoredVersions(spool, 1 << 20, 1 << 16);
  }

  @Test
  void aVersionWithoutInfoIsAbsentEvenWithObjectsOfAnUnfinishedSave() {
    put(Artifact.ZIP, module.zip());

    assertThat(versions().inspect(store, ref, Depth.HASH))
        .isInstanceOf(StoredVersions.Absent.class);
  }

  @Test
  void aStoredVersionThatStillHashesToItsRecordedHashesIsIntact() throws Exception {
    VersionHashes hashes = save(module);

    assertThat(versions().inspect(store, ref, Depth.HASH))
        .isEqualTo(new StoredVersions.Intact(hashes, module.zip().length));
  }

  @Test
  void storedBytesThatHashOtherwiseAreDamagedAtRest() throws Exception {
    VersionHashes hashes = save(module);
    put(Artifact.ZIP, module("package a // other\n").zip());

    StoredVersions.Found found = versions().inspect(store, ref, Depth.HASH);

    assertThat(found).isInstanceOf(StoredVersions.Damaged.class);
    assertThat(((StoredVersions.Damaged) found).hashes()).isEqualTo(hashes);
    assertThat(((StoredVersions.Damaged) found).problem()).startsWith("stored bytes hash to h1:");
  }

  @Test
  void anUnreadableOrMissingZipIsDamaged() throws Exception {
    save(module);
    put(Artifact.ZIP, Arrays.copyOf(module.zip(), 40));
    assertThat(versions().inspect(store, ref, Depth.HASH))
        .isInstanceOf(StoredVersions.Damaged.class)
        .extracting(f -> ((StoredVersions.Damaged) f).problem())
        .asString()
        .startsWith("stored bytes unreadable");

    store.delete(ref, Artifact.ZIP);
    assertThat(versions().inspect(store, ref, Depth.PRESENCE))
        .isEqualTo(new StoredVersions.Damaged(hashes(module), "no .zip"));
  }

  @Test
  void presenceDepthTrustsTheRecordedHashesWithoutReadingTheZip() throws Exception {
    VersionHashes hashes = save(module);
    put(Artifact.ZIP, module("package a // other\n").zip());

    assertThat(versions().inspect(store, ref, Depth.PRESENCE))
        .isInstanceOf(StoredVersions.Intact.class)
        .extracting(f -> ((StoredVersions.Intact) f).hashes())
        .isEqualTo(hashes);
  }

  @Test
  void anInfoWithoutRecordedHashesIsAdoptedFromTheBytesItWasServedWith() throws Exception {
    put(Artifact.MOD, module.mod());
    put(Artifact.ZIP, module.zip());
    put(Artifact.INFO, module.info());

    StoredVersions.Found found = versions().inspect(store, ref, Depth.PRESENCE);

    assertThat(found).isEqualTo(new StoredVersions.Intact(hashes(module), module.zip().length));
    assertThat(store.marker(ref)).isEqualTo(new CompletionMarker.Recorded(hashes(module)));
  }

  @Test
  void anInfoWithoutRecordedHashesOrAZipIsUnknown() {
    put(Artifact.INFO, module.info());

    assertThat(versions().inspect(store, ref, Depth.HASH))
        .isEqualTo(new StoredVersions.Unknown(".info without recorded hashes, and no .zip"));
    assertThat(store.marker(ref)).isEqualTo(CompletionMarker.UNRECORDED);
  }

  private VersionHashes save(BuiltModule m) throws Exception {
    VersionHashes hashes = hashes(m);
    store.save(
        m.ref(),
        new VersionFiles(
            m.mod(), new ByteArrayInputStream(m.zip()), m.zip().length, m.info(), hashes));
    return hashes;
  }

  private VersionHashes hashes(BuiltModule m) throws Exception {
    Path zip = Files.write(Files.createTempFile(spool, "h1-", ".zip"), m.zip());
    return new VersionHashes(DirHash.hashZip(zip), DirHash.hashGoMod(m.mod()));
  }

  private void put(Artifact artifact, byte[] bytes) {
    store.put(ref, artifact, new ByteArrayInputStream(bytes), bytes.length);
  }

  private static BuiltModule module(String source) {
    return ModuleBuilder.module("example.com/kept").version("v1.0.0").file("a.go", source).build();
  }
}
