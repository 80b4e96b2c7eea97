package dev.modmirror.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modmirror.core.error.PermanentException;
import dev.modmirror.core.error.TransientException;
import dev.modmirror.core.module.ModulePath;
import dev.modmirror.core.module.ModuleRef;
import dev.modmirror.core.module.ModuleVersion;
import dev.modmirror.core.store.Artifact;
import dev.modmirror.core.store.CompletionMarker;
import dev.modmirror.core.store.ForwardingModuleStore;
import dev.modmirror.core.store.InfoFile;
import dev.modmirror.core.store.ListedKey;
import dev.modmirror.core.store.ModuleStore;
import dev.modmirror.core.store.ObjectKeys;
import dev.modmirror.core.store.ObjectStat;
import dev.modmirror.core.store.SaveOutcome;
import dev.modmirror.core.store.StoredObject;
import dev.modmirror.core.store.VersionFiles;
import dev.modmirror.core.store.VersionHashes;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link ModuleStore}. A subclass provides the store under test, empty at the start
 * of every test (a fresh bucket in {@code @BeforeEach}), and the raw object keys it holds, so that
 * the key layout itself is checked: it is what other GOPROXY readers see. The write order of a
 * whole version ({@link ModuleStore#save}) is checked here once for every adapter, through the
 * store's own reads while it consumes the zip, and so is immutability: a complete version's bytes
 * are never replaced by others, by one writer or by several racing ones.
 */
public abstract class ModuleStoreContract {
  private static final int MIB = 1024 * 1024;
  private static final int WRITERS = 8;

  /** The store under test; the same instance throughout one test, empty when the test starts. */
  protected abstract ModuleStore store();

  /**
   * Another instance over the same bucket as {@link #store()}, as another process would build it
   * (its own client and connections). A store that lives in its process returns {@link #store()}.
   */
  protected ModuleStore anotherInstance() {
    return store();
  }

  /** Every object key in the store's bucket, as the underlying storage lists them. */
  protected abstract Set<String> rawKeys();

  @Test
  void roundTripsEachArtifactWithItsSize() throws IOException {
    ModuleRef ref = ModuleRef.of("example.com/roundtrip", "v1.0.0");
    for (Artifact artifact : Artifact.values()) {
      byte[] content = ("content of " + artifact).getBytes(StandardCharsets.UTF_8);
      store().put(ref, artifact, new ByteArrayInputStream(content), content.length);
    }

    for (Artifact artifact : Artifact.values()) {
      assertThat(read(ref, artifact)).isEqualTo("content of " + artifact);
      assertThat(store().size(ref, artifact)).contains((long) ("content of " + artifact).length());
    }
  }

  @Test
  void absentObjectsAreEmptyNotErrors() {
    ModuleRef ref = ModuleRef.of("example.com/absent", "v1.0.0");

    assertThat(store().open(ref, Artifact.ZIP)).isEmpty();
    assertThat(store().size(ref, Artifact.INFO)).isEmpty();
    assertThat(store().readList(ref.path())).isEmpty();
    assertThat(store().completeVersions(ref.path())).isEmpty();
    store().delete(ref, Artifact.ZIP);
    assertThat(rawKeys()).isEmpty();
  }

  @Test
  void listsEveryKeyUnderAPrefixInByteOrderWithSizesAndEtags() {
    ModuleRef ab = ModuleRef.of("example.com/a/b", "v1.0.0");
    ModuleRef abc = ModuleRef.of("example.com/a/b-c", "v1.0.0");
    ModuleRef abv2 = ModuleRef.of("example.com/a/b/v2", "v2.0.0");
    ModuleRef upper = ModuleRef.of("example.com/A/b", "v1.0.0-RC");
    for (ModuleRef ref : List.of(ab, abc, abv2, upper)) {
      put(ref, Artifact.ZIP, "zip of " + ref);
      put(ref, Artifact.MOD, "mod");
    }
    store().putRecord(ObjectKeys.tombstone(ab), "gone".getBytes(StandardCharsets.UTF_8));

    List<ListedKey> all = new ArrayList<>();
    store().listKeys("").forEachRemaining(all::add);
    List<String> keys = all.stream().map(ListedKey::key).toList();

    assertThat(keys).isEqualTo(keys.stream().sorted(ObjectKeys.ORDER).toList());
    assertThat(Set.copyOf(keys)).isEqualTo(rawKeys());
    assertThat(keys)
        .containsSubsequence(
            "example.com/!a/b/@v/v1.0.0-!r!c.mod",
            "example.com/a/b-c/@v/v1.0.0.mod",
            "example.com/a/b/@v/v1.0.0.mod",
            "example.com/a/b/v2/@v/v2.0.0.mod");
    ListedKey zip =
        all.stream()
            .filter(k -> k.key().equals(ObjectKeys.artifact(ab, Artifact.ZIP)))
            .findFirst()
            .orElseThrow();
    ObjectStat stat = store().stat(ab, Artifact.ZIP).orElseThrow();
    assertThat(zip.size()).isEqualTo(stat.size());
    assertThat(zip.etag()).isEqualTo(stat.etag());

    List<String> under = new ArrayList<>();
    store().listKeys("example.com/a/b/").forEachRemaining(k -> under.add(k.key()));
    assertThat(under)
        .containsExactly(
            "example.com/a/b/@v/v1.0.0.mod",
            "example.com/a/b/@v/v1.0.0.zip",
            "example.com/a/b/v2/@v/v2.0.0.mod",
            "example.com/a/b/v2/@v/v2.0.0.zip");
    assertThat(store().listKeys("nothing.example/").hasNext()).isFalse();
  }

  @Test
  void keepsRecordsOnlyUnderItsOwnPrefix() {
    String key = ObjectKeys.tombstone(ModuleRef.of("example.com/rec", "v1.0.0"));
    byte[] bytes = "{\"reason\":\"test\"}".getBytes(StandardCharsets.UTF_8);

    assertThat(store().readRecord(key)).isEmpty();
    assertThat(store().hasRecord(key)).isFalse();
    store().putRecord(key, bytes);
    assertThat(store().readRecord(key)).hasValueSatisfying(b -> assertThat(b).isEqualTo(bytes));
    assertThat(store().hasRecord(key)).isTrue();
    store().deleteRecord(key);
    store().deleteRecord(key);
    assertThat(store().readRecord(key)).isEmpty();
    assertThat(store().hasRecord(key)).isFalse();
    assertThat(rawKeys()).isEmpty();
    assertThatThrownBy(() -> store().putRecord("example.com/rec/@v/v1.0.0.info", bytes))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a record key");
    assertThatThrownBy(() -> store().hasRecord("example.com/rec/@v/v1.0.0.info"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a record key");
  }

  @Test
  void readGivesContentSizeAndEtagInOneAnswer() throws IOException {
    ModuleRef ref = ModuleRef.of("example.com/served", "v1.0.0");
    put(ref, Artifact.ZIP, "zip bytes");

    try (StoredObject object = store().read(ref, Artifact.ZIP).orElseThrow()) {
      assertThat(new String(object.content().readAllBytes(), StandardCharsets.UTF_8))
          .isEqualTo("zip bytes");
      assertThat(object.stat().size()).isEqualTo(9);
      assertThat(object.stat()).isEqualTo(store().stat(ref, Artifact.ZIP).orElseThrow());
    }
    assertThat(store().read(ref, Artifact.INFO)).isEmpty();
    assertThat(store().stat(ref, Artifact.INFO)).isEmpty();
  }

  @Test
  void theEtagStaysWithTheBytesAndChangesWithThem() {
    ModuleRef ref = ModuleRef.of("example.com/etag", "v1.0.0");
    put(ref, Artifact.MOD, "module example.com/etag\n");
    ObjectStat first = store().stat(ref, Artifact.MOD).orElseThrow();
    put(ref, Artifact.MOD, "module example.com/etag\n");
    ObjectStat same = store().stat(ref, Artifact.MOD).orElseThrow();
    put(ref, Artifact.MOD, "module example.com/etag // changed\n");
    ObjectStat changed = store().stat(ref, Artifact.MOD).orElseThrow();

    assertThat(same.etag()).isEqualTo(first.etag());
    assertThat(changed.etag()).isNotEqualTo(first.etag());
    assertThat(changed.etag()).doesNotContain("\"");
  }

  @Test
  void overwriteReplacesTheWholeObject() throws IOException {
    ModuleRef ref = ModuleRef.of("example.com/overwrite", "v1.0.0");
    put(ref, Artifact.MOD, "module example.com/overwrite // a longer first version\n");
    put(ref, Artifact.MOD, "module example.com/overwrite\n");

    assertThat(read(ref, Artifact.MOD)).isEqualTo("module example.com/overwrite\n");
    assertThat(store().size(ref, Artifact.MOD)).contains(29L);
  }

  @Test
  void infoMarksAVersionComplete() {
    ModuleRef ref = ModuleRef.of("example.com/marker", "v1.0.0");
    put(ref, Artifact.ZIP, "zip");
    put(ref, Artifact.MOD, "module example.com/marker\n");
    assertThat(store().completeVersions(ref.path())).isEmpty();

    put(ref, Artifact.INFO, info(ref));
    assertThat(store().completeVersions(ref.path())).containsExactly(ref.version());

    store().delete(ref, Artifact.INFO);
    assertThat(store().completeVersions(ref.path())).isEmpty();
  }

  @Test
  void listsCompleteVersionsInGoOrderIgnoringIncompleteOnes() {
    ModulePath path = ModulePath.of("example.com/order");
    List<String> complete =
        List.of("v1.10.0", "v1.9.0", "v1.0.0", "v1.0.0-RC.1", "v1.0.0-rc.2", "v2.0.0+incompatible");
    complete.forEach(v -> put(new ModuleRef(path, ModuleVersion.of(v)), Artifact.INFO, "{}"));
    ModuleRef incomplete = new ModuleRef(path, ModuleVersion.of("v1.11.0"));
    put(incomplete, Artifact.ZIP, "zip");
    put(incomplete, Artifact.MOD, "module example.com/order\n");

    // Go's order, not the lexicographic order in which S3 lists the keys.
    assertThat(store().completeVersions(path))
        .extracting(ModuleVersion::value)
        .containsExactly(
            "v1.0.0-RC.1", "v1.0.0-rc.2", "v1.0.0", "v1.9.0", "v1.10.0", "v2.0.0+incompatible");
  }

  @Test
  void rebuildListWritesNewlineTerminatedCompleteVersions() {
    ModulePath path = ModulePath.of("example.com/list");
    store().rebuildList(path);
    assertThat(store().readList(path)).contains("");

    put(ModuleRef.of("example.com/list", "v1.1.0"), Artifact.INFO, "{}");
    put(ModuleRef.of("example.com/list", "v1.0.0"), Artifact.INFO, "{}");
    put(ModuleRef.of("example.com/list", "v1.2.0"), Artifact.ZIP, "not complete");
    store().rebuildList(path);

    assertThat(store().readList(path)).contains("v1.0.0\nv1.1.0\n");
  }

  @Test
  void keysFollowTheGoproxyTreeWithCaseEscaping() {
    ModuleRef ref = ModuleRef.of("github.com/Azure/x", "v1.0.0");
    ModuleRef upperVersion = ModuleRef.of("github.com/Azure/x", "v1.1.0-Beta");
    for (Artifact artifact : Artifact.values()) {
      put(ref, artifact, artifact.name());
    }
    put(upperVersion, Artifact.INFO, "{}");
    store().rebuildList(ref.path());

    assertThat(rawKeys())
        .containsExactlyInAnyOrder(
            "github.com/!azure/x/@v/v1.0.0.zip",
            "github.com/!azure/x/@v/v1.0.0.mod",
            "github.com/!azure/x/@v/v1.0.0.info",
            "github.com/!azure/x/@v/v1.1.0-!beta.info",
            "github.com/!azure/x/@v/list");
    assertThat(store().completeVersions(ref.path()))
        .containsExactlyInAnyOrder(ref.version(), upperVersion.version());
  }

  @Test
  void modulesSharingAPrefixNeverSeeEachOther() {
    List<ModuleRef> refs =
        List.of(
            ModuleRef.of("example.com/a/b", "v1.0.0"),
            ModuleRef.of("example.com/a/b-c", "v1.1.0"),
            ModuleRef.of("example.com/a/b/v2", "v2.2.0"));
    refs.forEach(ref -> Stream.of(Artifact.values()).forEach(a -> put(ref, a, a.name())));
    refs.forEach(ref -> store().rebuildList(ref.path()));

    for (ModuleRef ref : refs) {
      assertThat(store().completeVersions(ref.path())).containsExactly(ref.version());
      assertThat(store().readList(ref.path())).contains(ref.version().value() + "\n");
    }
    store().delete(refs.get(0), Artifact.INFO);
    assertThat(store().completeVersions(refs.get(1).path())).containsExactly(refs.get(1).version());
    assertThat(store().completeVersions(refs.get(2).path())).containsExactly(refs.get(2).version());
    assertThat(rawKeys()).hasSize(3 * 4 - 1);
  }

  @Test
  void storesAStreamOfUnknownLength() throws IOException {
    ModuleRef ref = ModuleRef.of("example.com/unknown", "v1.0.0");
    long length = 6L * MIB + 123;
    store().put(ref, Artifact.ZIP, TestStreams.generated(length, 1), -1);

    assertThat(store().size(ref, Artifact.ZIP)).contains(length);
    assertThat(TestStreams.sha256(store().open(ref, Artifact.ZIP).orElseThrow()))
        .isEqualTo(TestStreams.sha256(TestStreams.generated(length, 1)));
  }

  @Test
  void streamsALargeObjectOfKnownLength() throws IOException {
    ModuleRef ref = ModuleRef.of("example.com/large", "v1.0.0");
    long length = 12L * MIB + 1;
    store().put(ref, Artifact.ZIP, TestStreams.generated(length, 2), length);

    assertThat(store().size(ref, Artifact.ZIP)).contains(length);
    assertThat(TestStreams.sha256(store().open(ref, Artifact.ZIP).orElseThrow()))
        .isEqualTo(TestStreams.sha256(TestStreams.generated(length, 2)));
  }

  @Test
  void aStreamFailingMidPutLeavesNoObject() {
    ModuleRef known = ModuleRef.of("example.com/broken", "v1.0.0");
    ModuleRef unknown = ModuleRef.of("example.com/broken", "v1.0.1");

    assertThatThrownBy(
            () -> store().put(known, Artifact.ZIP, TestStreams.failingAfter(100_000), 200_000))
        .isInstanceOf(TransientException.class);
    // Past the first 5 MiB multipart part, so a part may already be uploaded.
    assertThatThrownBy(
            () -> store().put(unknown, Artifact.ZIP, TestStreams.failingAfter(6L * MIB), -1))
        .isInstanceOf(TransientException.class);

    assertThat(store().open(known, Artifact.ZIP)).isEmpty();
    assertThat(store().size(unknown, Artifact.ZIP)).isEmpty();
    assertThat(rawKeys()).isEmpty();
  }

  @Test
  void aFailedOverwriteKeepsThePreviousObject() throws IOException {
    ModuleRef ref = ModuleRef.of("example.com/kept", "v1.0.0");
    put(ref, Artifact.ZIP, "the good bytes");

    assertThatThrownBy(() -> store().put(ref, Artifact.ZIP, TestStreams.failingAfter(1000), -1))
        .isInstanceOf(TransientException.class);

    assertThat(read(ref, Artifact.ZIP)).isEqualTo("the good bytes");
  }

  @Test
  void saveWritesModThenZipThenInfoThenTheList() throws IOException {
    ModuleRef ref = ModuleRef.of("example.com/ordered", "v1.0.0");
    ModuleRef earlier = ModuleRef.of("example.com/ordered", "v0.9.0");
    save(earlier, new ByteArrayInputStream(bytes("zip 0.9")), 7);
    byte[] zip = new byte[64 * 1024];
    ProbingStream probe = new ProbingStream(zip, () -> seen(ref));

    SaveOutcome outcome = save(ref, probe, zip.length);

    // While the store reads the zip, from its first byte to its last, .mod is stored and nothing
    // marks the version complete yet.
    Seen expected = new Seen(true, false, false, "v0.9.0\n");
    assertThat(probe.seen()).hasSize(2).containsOnly(expected);
    assertThat(outcome).isEqualTo(new SaveOutcome.Stored(ref, hashes(ref.toString()), true));
    assertThat(seen(ref)).isEqualTo(new Seen(true, true, true, "v0.9.0\nv1.0.0\n"));
    assertThat(read(ref, Artifact.ZIP).length()).isEqualTo(zip.length);
    assertThat(read(ref, Artifact.MOD)).isEqualTo(mod(ref, ref.toString()));
    assertThat(read(ref, Artifact.INFO)).isEqualTo(info(ref, ref.toString()));
  }

  @Test
  void aSaveWhoseZipFailsMarksNothingComplete() {
    ModuleRef ref = ModuleRef.of("example.com/halfway", "v1.0.0");

    assertThatThrownBy(() -> save(ref, TestStreams.failingAfter(100_000), 200_000))
        .isInstanceOf(TransientException.class);

    assertThat(store().size(ref, Artifact.ZIP)).isEmpty();
    assertThat(store().size(ref, Artifact.INFO)).isEmpty();
    assertThat(store().completeVersions(ref.path())).isEmpty();
    assertThat(store().readList(ref.path()).orElse("")).doesNotContain("v1.0.0");
  }

  @Test
  void recordsTheOfferedHashesWithTheInfoAndLeavesOnlyTheGoproxyTree() {
    ModuleRef ref = ModuleRef.of("example.com/recorded", "v1.0.0");

    save(ref, "A");

    assertThat(store().marker(ref)).isEqualTo(new CompletionMarker.Recorded(hashes("A")));
    assertThat(rawKeys())
        .containsExactlyInAnyOrder(
            "example.com/recorded/@v/v1.0.0.mod",
            "example.com/recorded/@v/v1.0.0.zip",
            "example.com/recorded/@v/v1.0.0.info",
            "example.com/recorded/@v/list");
  }

  @Test
  void aRepeatedSaveOfTheSameHashesIsAlreadyPresentAndWritesNothing() throws IOException {
    ModuleRef ref = ModuleRef.of("example.com/again", "v1.0.0");
    save(ref, "A");

    // The offered zip may not even be read: the stored version is already the offered one.
    SaveOutcome outcome =
        store().save(ref, files(ref, "A", "A again", TestStreams.failingAfter(0), -1));

    assertThat(outcome).isEqualTo(new SaveOutcome.AlreadyPresent(ref, hashes("A"), true));
    assertThat(read(ref, Artifact.ZIP)).isEqualTo("zip A");
    assertThat(read(ref, Artifact.INFO)).isEqualTo(info(ref, "A"));
    assertThat(store().readList(ref.path())).contains("v1.0.0\n");
  }

  @Test
  void otherBytesForACompleteVersionAreAConflictAndNothingOfThemIsWritten() throws IOException {
    ModuleRef ref = ModuleRef.of("example.com/changed", "v1.0.0");
    save(ref, "A");

    SaveOutcome outcome = store().save(ref, files(ref, "B", "B", TestStreams.failingAfter(0), -1));

    assertThat(outcome).isEqualTo(new SaveOutcome.Conflict(ref, hashes("A"), hashes("B"), true));
    assertThat(read(ref, Artifact.MOD)).isEqualTo(mod(ref, "A"));
    assertThat(read(ref, Artifact.ZIP)).isEqualTo("zip A");
    assertThat(read(ref, Artifact.INFO)).isEqualTo(info(ref, "A"));
    assertThat(store().marker(ref)).isEqualTo(new CompletionMarker.Recorded(hashes("A")));
  }

  @Test
  void releaseAllRemovesTheClaimOfEveryVersionGivenAndIgnoresAbsentOnes() {
    ModuleRef a = ModuleRef.of("example.com/release-a", "v1.0.0");
    ModuleRef b = ModuleRef.of("example.com/release-b", "v1.0.0");
    store().claim(a, hashes("A"));
    store().claim(b, hashes("B"));

    store().releaseAll(List.of(a, b, ModuleRef.of("example.com/never-claimed", "v1.0.0")));

    assertThat(rawKeys()).isEmpty();
    // The record is gone: a new claim fixes the hashes again.
    assertThat(store().claim(a, hashes("B"))).isEqualTo(hashes("B"));
  }

  @Test
  void aVersionNotYetCompleteAcceptsOnlyTheHashesItsFirstSaveBeganWith() throws IOException {
    ModuleRef ref = ModuleRef.of("example.com/pending", "v1.0.0");
    assertThatThrownBy(
            () ->
                store().save(ref, files(ref, "A", "A", TestStreams.failingAfter(100_000), 200_000)))
        .isInstanceOf(TransientException.class);

    SaveOutcome other = store().save(ref, files(ref, "B", "B", TestStreams.failingAfter(0), -1));

    assertThat(other).isEqualTo(new SaveOutcome.Conflict(ref, hashes("A"), hashes("B"), false));
    assertThat(read(ref, Artifact.MOD)).isEqualTo(mod(ref, "A"));
    assertThat(store().marker(ref)).isEqualTo(CompletionMarker.MISSING);
    assertThat(save(ref, "A")).isEqualTo(new SaveOutcome.Stored(ref, hashes("A"), true));
    assertThat(read(ref, Artifact.ZIP)).isEqualTo("zip A");
  }

  @Test
  void aCompleteVersionMissingItsZipIsRepairedOnlyWithItsRecordedHashes() throws IOException {
    ModuleRef ref = ModuleRef.of("example.com/partial", "v1.0.0");
    save(ref, "A");
    store().delete(ref, Artifact.ZIP);

    assertThat(store().save(ref, files(ref, "B", "B", TestStreams.failingAfter(0), -1)))
        .isInstanceOf(SaveOutcome.Conflict.class);
    assertThat(store().size(ref, Artifact.ZIP)).isEmpty();

    assertThat(save(ref, "A"))
        .isEqualTo(new SaveOutcome.Repaired(ref, hashes("A"), Set.of(Artifact.ZIP), true));
    assertThat(read(ref, Artifact.ZIP)).isEqualTo("zip A");
  }

  @Test
  void repairRewritesDamagedFilesOnlyWithTheRecordedHashes() throws IOException {
    ModuleRef ref = ModuleRef.of("example.com/damaged", "v1.0.0");
    save(ref, "A");
    put(ref, Artifact.ZIP, "bit rot");

    assertThat(
            store().repair(ref, files(ref, "B", "B", new ByteArrayInputStream(bytes("zip B")), -1)))
        .isEqualTo(new SaveOutcome.Conflict(ref, hashes("A"), hashes("B"), true));
    assertThat(read(ref, Artifact.ZIP)).isEqualTo("bit rot");

    assertThat(
            store().repair(ref, files(ref, "A", "A", new ByteArrayInputStream(bytes("zip A")), -1)))
        .isEqualTo(
            new SaveOutcome.Repaired(ref, hashes("A"), Set.of(Artifact.MOD, Artifact.ZIP), true));
    assertThat(read(ref, Artifact.ZIP)).isEqualTo("zip A");
    assertThat(read(ref, Artifact.INFO)).isEqualTo(info(ref, "A"));
  }

  @Test
  void aListThatCannotBeRebuiltLeavesTheVersionCompleteAndSaysSo() {
    ModuleRef ref = ModuleRef.of("example.com/unlisted", "v1.0.0");
    ModuleStore listFails =
        new ForwardingModuleStore(store()) {
          @Override
          public void rebuildList(ModulePath path) {
            throw new TransientException("list write timed out");
          }
        };

    SaveOutcome outcome =
        listFails.save(ref, files(ref, "A", "A", new ByteArrayInputStream(bytes("zip A")), -1));

    assertThat(outcome).isEqualTo(new SaveOutcome.Stored(ref, hashes("A"), false));
    assertThat(store().marker(ref)).isEqualTo(new CompletionMarker.Recorded(hashes("A")));
    // A repeated save of the complete version brings its list up to date.
    assertThat(save(ref, "A")).isEqualTo(new SaveOutcome.AlreadyPresent(ref, hashes("A"), true));
    assertThat(store().readList(ref.path())).contains("v1.0.0\n");
  }

  @Test
  void readsAnInfoWithWhatItRecordsInOneCall() {
    ModuleRef ref = ModuleRef.of("example.com/readinfo", "v1.0.0");
    assertThat(store().readInfo(ref)).isEmpty();
    save(ref, "A");

    InfoFile saved = store().readInfo(ref).orElseThrow();
    assertThat(new String(saved.bytes(), StandardCharsets.UTF_8)).isEqualTo(info(ref, "A"));
    assertThat(saved.marker()).isEqualTo(new CompletionMarker.Recorded(hashes("A")));

    ModuleRef older = ModuleRef.of("example.com/readinfo", "v1.0.1");
    put(older, Artifact.INFO, info(older, "A"));
    assertThat(store().readInfo(older).orElseThrow().marker())
        .isEqualTo(CompletionMarker.UNRECORDED);
  }

  @Test
  void anInfoWithoutRecordedHashesIsNeverOverwrittenAndCanBeAdopted() throws IOException {
    ModuleRef ref = ModuleRef.of("example.com/older", "v1.0.0");
    put(ref, Artifact.ZIP, "zip A");
    put(ref, Artifact.MOD, mod(ref, "A"));
    put(ref, Artifact.INFO, info(ref, "A"));
    assertThat(store().marker(ref)).isEqualTo(CompletionMarker.UNRECORDED);

    assertThatThrownBy(() -> save(ref, "B")).isInstanceOf(PermanentException.class);
    assertThat(read(ref, Artifact.ZIP)).isEqualTo("zip A");

    assertThat(store().recordHashes(ref, hashes("A"))).isTrue();
    assertThat(store().recordHashes(ref, hashes("B"))).isFalse();
    assertThat(store().marker(ref)).isEqualTo(new CompletionMarker.Recorded(hashes("A")));
    assertThat(read(ref, Artifact.INFO)).isEqualTo(info(ref, "A"));
  }

  // Separate instances race to save different bytes for one version: the first claim decides, the
  // version completes once with the winner's bytes, and every other writer sees a conflict.
  @Test
  void concurrentSavesOfDifferentBytesCompleteTheVersionOnceWithTheWinnersBytes() throws Exception {
    ModuleRef ref = ModuleRef.of("example.com/contested", "v1.0.0");
    List<ModuleStore> writers = new ArrayList<>();
    for (int i = 0; i < WRITERS; i++) {
      writers.add(anotherInstance());
    }
    List<SaveOutcome> outcomes = new CopyOnWriteArrayList<>();
    Together.run(
        WRITERS,
        i -> {
          String tag = "writer-" + i;
          outcomes.add(
              writers
                  .get(i)
                  .save(
                      ref,
                      files(ref, tag, tag, new ByteArrayInputStream(bytes("zip " + tag)), -1)));
        });

    List<SaveOutcome> stored =
        outcomes.stream().filter(o -> o instanceof SaveOutcome.Stored).toList();
    assertThat(stored).hasSize(1);
    VersionHashes winner = ((SaveOutcome.Stored) stored.get(0)).hashes();
    String tag = winner.h1().substring("h1:".length(), winner.h1().length() - 1);
    assertThat(outcomes)
        .filteredOn(o -> o instanceof SaveOutcome.Conflict)
        .hasSize(WRITERS - 1)
        .allSatisfy(c -> assertThat(((SaveOutcome.Conflict) c).stored()).isEqualTo(winner));
    assertThat(read(ref, Artifact.ZIP)).isEqualTo("zip " + tag);
    assertThat(read(ref, Artifact.MOD)).isEqualTo(mod(ref, tag));
    assertThat(read(ref, Artifact.INFO)).isEqualTo(info(ref, tag));
    assertThat(store().marker(ref)).isEqualTo(new CompletionMarker.Recorded(winner));
  }

  @Test
  void concurrentSavesOfTheSameBytesStoreOnceAndFindTheRestPresent() throws Exception {
    ModuleRef ref = ModuleRef.of("example.com/popular", "v1.0.0");
    List<ModuleStore> writers = new ArrayList<>();
    for (int i = 0; i < WRITERS; i++) {
      writers.add(anotherInstance());
    }
    List<SaveOutcome> outcomes = new CopyOnWriteArrayList<>();
    Together.run(
        WRITERS,
        i ->
            outcomes.add(
                writers
                    .get(i)
                    .save(
                        ref, files(ref, "A", "A", new ByteArrayInputStream(bytes("zip A")), -1))));

    assertThat(outcomes).filteredOn(o -> o instanceof SaveOutcome.Stored).hasSize(1);
    assertThat(outcomes)
        .filteredOn(o -> o instanceof SaveOutcome.AlreadyPresent)
        .hasSize(WRITERS - 1);
    assertThat(read(ref, Artifact.ZIP)).isEqualTo("zip A");
    assertThat(store().readList(ref.path())).contains("v1.0.0\n");
  }

  @Test
  void putIfAbsentCreatesOnlyWhereNoObjectIsAndLeavesOneThereUnchanged() throws IOException {
    ModuleRef ref = ModuleRef.of("example.com/create", "v1.0.0");
    byte[] first = bytes("first");
    byte[] other = bytes("other bytes");
    if (!store().createsAtomically(Artifact.ZIP, first.length)) {
      return;
    }

    assertThat(store().putIfAbsent(ref, Artifact.ZIP, new ByteArrayInputStream(first), 5)).isTrue();
    assertThat(store().putIfAbsent(ref, Artifact.ZIP, new ByteArrayInputStream(other), 11))
        .isFalse();
    put(ref, Artifact.MOD, "put unconditionally");
    assertThat(store().putIfAbsent(ref, Artifact.MOD, new ByteArrayInputStream(other), 11))
        .isFalse();

    assertThat(read(ref, Artifact.ZIP)).isEqualTo("first");
    assertThat(read(ref, Artifact.MOD)).isEqualTo("put unconditionally");
  }

  @Test
  void ofRacingCreateOnlyWritersExactlyOneCreates() throws Exception {
    ModuleRef ref = ModuleRef.of("example.com/create-race", "v1.0.0");
    if (!store().createsAtomically(Artifact.ZIP, 16)) {
      return;
    }
    List<ModuleStore> writers = new ArrayList<>();
    for (int i = 0; i < WRITERS; i++) {
      writers.add(anotherInstance());
    }
    List<String> created = new CopyOnWriteArrayList<>();
    Together.run(
        WRITERS,
        i -> {
          byte[] content = bytes("zip of writer " + i);
          if (writers
              .get(i)
              .putIfAbsent(ref, Artifact.ZIP, new ByteArrayInputStream(content), content.length)) {
            created.add("zip of writer " + i);
          }
        });

    assertThat(created).hasSize(1);
    assertThat(read(ref, Artifact.ZIP)).isEqualTo(created.get(0));
  }

  @Test
  void saveNewCompletesAVersionWithNoObjectAndWritesNothingMoreWhereOneIs() throws IOException {
    ModuleRef fresh = ModuleRef.of("example.com/new", "v1.0.0");
    ModuleRef taken = ModuleRef.of("example.com/new", "v1.1.0");
    if (!store().createsAtomically(Artifact.MOD, 64)
        || !store().createsAtomically(Artifact.ZIP, 64)) {
      return;
    }
    save(taken, "A");

    assertThat(saveNew(fresh, "B")).containsInstanceOf(SaveOutcome.Stored.class);
    assertThat(saveNew(taken, "B")).isEmpty();

    assertThat(store().marker(fresh)).isEqualTo(new CompletionMarker.Recorded(hashes("B")));
    assertThat(read(fresh, Artifact.ZIP)).isEqualTo("zip B");
    assertThat(store().marker(taken)).isEqualTo(new CompletionMarker.Recorded(hashes("A")));
    assertThat(read(taken, Artifact.ZIP)).isEqualTo("zip A");
    assertThat(read(taken, Artifact.MOD)).isEqualTo(mod(taken, "A"));
    assertThat(read(taken, Artifact.INFO)).isEqualTo(info(taken, "A"));
  }

  /** {@link ModuleStore#saveNew} of {@code tag}'s files, its zip created by the caller first. */
  private java.util.Optional<SaveOutcome> saveNew(ModuleRef ref, String tag) {
    byte[] zip = bytes("zip " + tag);
    boolean zipCreated =
        store().putIfAbsent(ref, Artifact.ZIP, new ByteArrayInputStream(zip), zip.length);
    return store()
        .saveNew(
            ref, files(ref, tag, tag, InputStream.nullInputStream(), 0), () -> zipCreated, true);
  }

  // A smoke test under real concurrency: the interleaving that loses a version is rare on a fast
  // loopback server, so core's ListRebuildTest pins the convergence rule itself deterministically.
  @Test
  void concurrentWritersOfOneModuleLeaveACompleteList() throws Exception {
    List<ModuleRef> refs =
        IntStream.range(0, 16)
            .mapToObj(i -> ModuleRef.of("example.com/busy", "v1." + i + ".0"))
            .toList();
    Together.run(
        refs.size(), i -> save(refs.get(i), new ByteArrayInputStream(bytes("zip " + i)), -1));

    String expected =
        refs.stream().map(r -> r.version().value() + "\n").collect(Collectors.joining());
    assertThat(store().readList(ModulePath.of("example.com/busy"))).contains(expected);
  }

  /** A save of {@code ref}'s files tagged with its own name: one set of hashes per version. */
  private SaveOutcome save(ModuleRef ref, InputStream zip, long zipLength) {
    String tag = ref.toString();
    return store().save(ref, files(ref, tag, tag, zip, zipLength));
  }

  /** Saves {@code ref} with the files and hashes of {@code tag}: zip {@code "zip " + tag}. */
  private SaveOutcome save(ModuleRef ref, String tag) {
    return store()
        .save(ref, files(ref, tag, tag, new ByteArrayInputStream(bytes("zip " + tag)), -1));
  }

  /** Files whose .mod and .info say {@code content}, offered with the hashes of {@code tag}. */
  private static VersionFiles files(
      ModuleRef ref, String tag, String content, InputStream zip, long zipLength) {
    return new VersionFiles(
        bytes(mod(ref, content)), zip, zipLength, bytes(info(ref, content)), hashes(tag));
  }

  /** Stand-in hashes: the store records and compares them, it never recomputes them. */
  private static VersionHashes hashes(String tag) {
    String safe = tag.replaceAll("[^A-Za-z0-9-]", "_");
    return new VersionHashes("h1:" + safe + "=", "h1:mod-" + safe + "=");
  }

  /** What a reader of the store sees of one version. */
  private record Seen(boolean mod, boolean zip, boolean info, String list) {}

  private Seen seen(ModuleRef ref) {
    return new Seen(
        store().size(ref, Artifact.MOD).isPresent(),
        store().size(ref, Artifact.ZIP).isPresent(),
        store().size(ref, Artifact.INFO).isPresent()
            || store().completeVersions(ref.path()).contains(ref.version()),
        store().readList(ref.path()).orElse(""));
  }

  /** A zip that records what the store shows when its first and its last byte are read. */
  private static final class ProbingStream extends InputStream {
    private final byte[] content;
    private final java.util.function.Supplier<Seen> probe;
    private final List<Seen> seen = new ArrayList<>();
    private int position;

    ProbingStream(byte[] content, java.util.function.Supplier<Seen> probe) {
      this.content = content;
      this.probe = probe;
    }

    List<Seen> seen() {
      return seen;
    }

    @Override
    public int read() {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) {
      if (length == 0) {
        return 0;
      }
      if (position == content.length) {
        return -1;
      }
      if (position == 0) {
        seen.add(probe.get());
      }
      int n = Math.min(length, content.length - position);
      System.arraycopy(content, position, buffer, offset, n);
      position += n;
      if (position == content.length) {
        seen.add(probe.get());
      }
      return n;
    }
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static String mod(ModuleRef ref, String content) {
    return "module " + ref.path() + " // " + content + "\n";
  }

  private void put(ModuleRef ref, Artifact artifact, String content) {
    byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
    store().put(ref, artifact, new ByteArrayInputStream(bytes), bytes.length);
  }

  private String read(ModuleRef ref, Artifact artifact) throws IOException {
    try (InputStream in = store().open(ref, artifact).orElseThrow()) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static String info(ModuleRef ref) {
    return info(ref, "");
  }

  private static String info(ModuleRef ref, String content) {
    return "{\"Version\":\""
        + ref.version()
        + "\",\"Time\":\"2026-11-25T00:00:00Z\",\"Note\":\""
        + content
        + "\"}";
  }
}
