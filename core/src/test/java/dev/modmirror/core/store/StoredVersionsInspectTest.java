package dev.modmirror.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modmirror.core.hash.DirHash;
import dev.modmirror.core.module.ModuleRef;
import dev.modmirror.core.store.ModuleStoreDefaultsTest.MapModuleStore;
import dev.modmirror.core.store.StoredVersions.Absent;
import dev.modmirror.core.store.StoredVersions.Damaged;
import dev.modmirror.core.store.StoredVersions.Depth;
import dev.modmirror.core.store.StoredVersions.Intact;
import dev.modmirror.core.store.StoredVersions.Unknown;
import dev.modmirror.core.zip.TestZip;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link StoredVersions#inspect} in core over {@link MapModuleStore}: each finding, the bounds of
 * what it reads back, and the adoption of an {@code .info} without hashes (testkit's {@code
 * StoredVersionsTest} runs the same over the full in-memory store).
 */
class StoredVersionsInspectTest {
  private static final ModuleRef REF = ModuleRef.of("example.com/m", "v1.0.0");
  private static final byte[] MOD = "module example.com/m\n".getBytes(StandardCharsets.UTF_8);

  @TempDir Path dir;
  private final MapModuleStore store = new MapModuleStore();
  private byte[] zip;
  private VersionHashes hashes;

  @BeforeEach
  void storeAVersion() throws Exception {
    zip =
        TestZip.create()
            .with("example.com/m@v1.0.0/go.mod", "module example.com/m\n")
            .with("example.com/m@v1.0.0/a.go", "package m\n")
            .bytes();
    Path file = Files.write(dir.resolve("m.zip"), zip);
    hashes = new VersionHashes(DirHash.hashZip(file), DirHash.hashGoMod(MOD));
    store.objects.put(Artifact.ZIP, zip);
    store.objects.put(Artifact.MOD, MOD);
    store.marker = new CompletionMarker.Recorded(hashes);
  }

  private StoredVersions.Found inspect(Depth depth) {
    return new StoredVersions(dir, zip.length, MOD.length).inspect(store, REF, depth);
  }

  @Test
  void aVersionWithoutInfoIsAbsent() {
    store.marker = CompletionMarker.MISSING;
    assertThat(inspect(Depth.HASH)).isEqualTo(new Absent());
    assertThat(inspect(Depth.PRESENCE)).isEqualTo(new Absent());
  }

  @Test
  void storedBytesOfTheRecordedHashesAreIntactAtTheSizeBoundsExactly() {
    assertThat(inspect(Depth.HASH)).isEqualTo(new Intact(hashes, zip.length));
    assertThat(inspect(Depth.PRESENCE)).isEqualTo(new Intact(hashes, zip.length));
    assertThat(store.log).doesNotContain("recordHashes");
  }

  @Test
  void aZipOrGoModOneBytePastItsBoundIsDamagedAsUnreadable() {
    StoredVersions.Found found =
        new StoredVersions(dir, zip.length - 1, MOD.length).inspect(store, REF, Depth.HASH);
    assertThat(found).isInstanceOf(Damaged.class);
    assertThat(((Damaged) found).problem()).startsWith("stored bytes unreadable: ");
    found = new StoredVersions(dir, zip.length, MOD.length - 1).inspect(store, REF, Depth.HASH);
    assertThat(((Damaged) found).problem()).startsWith("stored bytes unreadable: ");
  }

  @Test
  void bytesOfOtherHashesOrMissingFilesAreDamaged() {
    VersionHashes recorded = new VersionHashes("h1:recorded", hashes.goModH1());
    store.marker = new CompletionMarker.Recorded(recorded);
    assertThat(inspect(Depth.HASH))
        .isEqualTo(new Damaged(recorded, "stored bytes hash to " + hashes));
    // Presence trusts the recorded hashes.
    assertThat(inspect(Depth.PRESENCE)).isEqualTo(new Intact(recorded, zip.length));

    store.objects.remove(Artifact.MOD);
    assertThat(inspect(Depth.HASH)).isEqualTo(new Damaged(recorded, "no .mod"));
    assertThat(inspect(Depth.PRESENCE)).isEqualTo(new Damaged(recorded, "no .mod"));
    store.objects.remove(Artifact.ZIP);
    assertThat(inspect(Depth.HASH)).isEqualTo(new Damaged(recorded, "no .zip"));
    assertThat(inspect(Depth.PRESENCE)).isEqualTo(new Damaged(recorded, "no .zip"));
  }

  @Test
  void aZipThatIsNotAZipIsDamaged() {
    store.objects.put(Artifact.ZIP, "not a zip".getBytes(StandardCharsets.UTF_8));
    StoredVersions.Found found = inspect(Depth.HASH);
    assertThat(((Damaged) found).problem()).startsWith("stored bytes unreadable: ");
  }

  @Test
  void anInfoWithoutHashesIsAdoptedFromItsStoredBytes() {
    store.marker = CompletionMarker.UNRECORDED;
    assertThat(inspect(Depth.PRESENCE)).isEqualTo(new Intact(hashes, zip.length));
    assertThat(store.marker).isEqualTo(new CompletionMarker.Recorded(hashes));
    assertThat(store.log).containsExactly("marker", "recordHashes");
  }

  @Test
  void anAdopterThatLosesReadsTheHashesAnotherRecorded() {
    VersionHashes theirs = new VersionHashes("h1:theirs", hashes.goModH1());
    MapModuleStore racing =
        new MapModuleStore() {
          @Override
          public boolean recordHashes(ModuleRef ref, VersionHashes h) {
            log.add("recordHashes");
            marker = new CompletionMarker.Recorded(theirs);
            return false;
          }
        };
    racing.objects.putAll(store.objects);
    racing.marker = CompletionMarker.UNRECORDED;
    assertThat(new StoredVersions(dir, zip.length, MOD.length).inspect(racing, REF, Depth.HASH))
        .isEqualTo(new Damaged(theirs, "stored bytes hash to " + hashes));
  }

  @Test
  void anAdopterThatLosesTwiceTrustsWhatItRead() {
    store.marker = CompletionMarker.UNRECORDED;
    store.recordHashesWins = false;
    assertThat(inspect(Depth.HASH)).isEqualTo(new Intact(hashes, zip.length));
    assertThat(store.log).containsExactly("marker", "recordHashes", "marker", "recordHashes");
  }

  @Test
  void anInfoWithoutHashesWhoseBytesCannotBeReadIsUnknown() {
    store.marker = CompletionMarker.UNRECORDED;
    store.objects.remove(Artifact.MOD);
    assertThat(inspect(Depth.HASH))
        .isEqualTo(new Unknown(".info without recorded hashes, and no .mod"));
    store.objects.remove(Artifact.ZIP);
    assertThat(inspect(Depth.PRESENCE))
        .isEqualTo(new Unknown(".info without recorded hashes, and no .zip"));
    assertThat(store.log).doesNotContain("recordHashes");
  }
}
