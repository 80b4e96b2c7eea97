package dev.modmirror.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modmirror.core.error.PermanentException;
import dev.modmirror.core.error.TransientException;
import dev.modmirror.core.module.ModulePath;
import dev.modmirror.core.module.ModuleRef;
import dev.modmirror.core.module.ModuleVersion;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The port's own save order and outcomes ({@link ModuleStore#save}, {@link ModuleStore#repair} and
 * the other default methods) over {@link MapModuleStore} (nested here: a test helper of its own
 * would count, for the pit history, as a change to every test), whose log shows every write in
 * order. testkit's {@code ModuleStoreContract} pins the same for each real adapter.
 */
class ModuleStoreDefaultsTest {
  private static final ModuleRef REF = ModuleRef.of("example.com/m", "v1.0.0");
  private static final VersionHashes OURS = new VersionHashes("h1:zip", "h1:mod");
  private static final VersionHashes OTHERS = new VersionHashes("h1:other", "h1:mod");

  private final MapModuleStore store = new MapModuleStore();

  private static VersionFiles files(VersionHashes hashes) {
    return new VersionFiles(
        bytes("module example.com/m\n"),
        new ByteArrayInputStream(bytes("zip")),
        3,
        bytes("{\"Version\":\"v1.0.0\"}"),
        hashes);
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private void complete(VersionHashes hashes) {
    store.objects.put(Artifact.MOD, bytes("old mod"));
    store.objects.put(Artifact.ZIP, bytes("old zip"));
    store.objects.put(Artifact.INFO, bytes("old info"));
    store.marker = new CompletionMarker.Recorded(hashes);
    store.list = "v1.0.0\n";
  }

  @Test
  void savesModThenZipThenLayoutsThenInfoLastAndListsIt() {
    assertThat(store.save(REF, files(OURS))).isEqualTo(new SaveOutcome.Stored(REF, OURS, true));
    assertThat(store.log)
        .containsExactly(
            "marker",
            "claim",
            "marker",
            "put MOD",
            "put ZIP",
            "writeLayouts {\"Version\":\"v1.0.0\"}",
            "createInfo",
            "release",
            "rebuildList");
    assertThat(new String(store.objects.get(Artifact.ZIP), StandardCharsets.UTF_8))
        .isEqualTo("zip");
    assertThat(store.pending).isNull();
  }

  /** A zip put by a placement (the replicator's copy on the server), logged as "place". */
  private VersionFiles placed(ZipPlacement placement) {
    return VersionFiles.placed(
        bytes("module example.com/m\n"),
        (s, ref) -> {
          store.log.add("place " + ref);
          placement.place(s, ref);
        },
        bytes("{\"Version\":\"v1.0.0\"}"),
        OURS);
  }

  @Test
  void aPlacedZipIsPutByItsPlacementAfterTheClaimAndTheModAndBeforeTheInfo() {
    VersionFiles files =
        placed((s, ref) -> s.put(ref, Artifact.ZIP, new ByteArrayInputStream(bytes("copy")), 4));
    assertThat(store.save(REF, files)).isEqualTo(new SaveOutcome.Stored(REF, OURS, true));
    assertThat(store.log)
        .containsExactly(
            "marker",
            "claim",
            "marker",
            "put MOD",
            "place example.com/m@v1.0.0",
            "put ZIP",
            "writeLayouts {\"Version\":\"v1.0.0\"}",
            "createInfo",
            "release",
            "rebuildList");
    assertThat(new String(store.objects.get(Artifact.ZIP), StandardCharsets.UTF_8))
        .isEqualTo("copy");
  }

  @Test
  void aPlacementThatFailsFailsTheSaveBeforeItsInfo() {
    VersionFiles files =
        placed(
            (s, ref) -> {
              throw new PermanentException("the copy is not the warmed zip", ref);
            });
    assertThatThrownBy(() -> store.save(REF, files))
        .isExactlyInstanceOf(PermanentException.class)
        .hasMessage("the copy is not the warmed zip");
    assertThat(store.log)
        .containsExactly("marker", "claim", "marker", "put MOD", "place example.com/m@v1.0.0");
    assertThat(store.objects).doesNotContainKey(Artifact.INFO);
  }

  @Test
  void aPlacedZipMissingFromACompleteVersionIsPlacedAgain() {
    complete(OURS);
    store.objects.remove(Artifact.ZIP);
    VersionFiles files =
        placed((s, ref) -> s.put(ref, Artifact.ZIP, new ByteArrayInputStream(bytes("copy")), 4));
    assertThat(store.save(REF, files))
        .isEqualTo(new SaveOutcome.Repaired(REF, OURS, Set.of(Artifact.ZIP), true));
    assertThat(store.log)
        .containsExactly(
            "marker", "release", "place example.com/m@v1.0.0", "put ZIP", "writeLayouts old info");
  }

  @Test
  void aPlacementIsRequired() {
    assertThatThrownBy(() -> VersionFiles.placed(bytes("m"), null, bytes("i"), OURS))
        .isExactlyInstanceOf(NullPointerException.class)
        .hasMessage("placement");
  }

  @Test
  void aListThatCannotBeRebuiltOrAClaimThatCannotBeReleasedLeavesTheVersionStored() {
    store.listFails = true;
    store.releaseFails = true;
    assertThat(store.save(REF, files(OURS))).isEqualTo(new SaveOutcome.Stored(REF, OURS, false));
  }

  @Test
  void aVersionClaimedForOtherHashesIsAConflictAndNothingIsWritten() {
    store.pending = OTHERS;
    assertThat(store.save(REF, files(OURS)))
        .isEqualTo(new SaveOutcome.Conflict(REF, OTHERS, OURS, false));
    assertThat(store.log).containsExactly("marker", "claim", "marker");
    assertThat(store.objects).isEmpty();
  }

  @Test
  void aClaimForOtherHashesMadeAfterTheVersionCompletedDefersToTheInfo() {
    // The version completes, with our hashes, between the claim and the marker read after it.
    MapModuleStore racing =
        new MapModuleStore() {
          int reads;

          @Override
          public CompletionMarker marker(ModuleRef ref) {
            if (reads++ == 1) {
              complete(this, OURS);
            }
            return super.marker(ref);
          }
        };
    racing.pending = OTHERS;
    assertThat(racing.save(REF, files(OURS)))
        .isEqualTo(new SaveOutcome.AlreadyPresent(REF, OURS, true));
    assertThat(racing.log).doesNotContain("put MOD", "put ZIP", "createInfo");
  }

  private static void complete(MapModuleStore s, VersionHashes hashes) {
    s.objects.put(Artifact.MOD, bytes("old mod"));
    s.objects.put(Artifact.ZIP, bytes("old zip"));
    s.objects.put(Artifact.INFO, bytes("old info"));
    s.marker = new CompletionMarker.Recorded(hashes);
    s.list = "v1.0.0\n";
  }

  @Test
  void aCompleteVersionWithTheSameHashesIsAlreadyPresentAndItsClaimReleased() {
    complete(OURS);
    store.pending = OURS;
    assertThat(store.save(REF, files(OURS)))
        .isEqualTo(new SaveOutcome.AlreadyPresent(REF, OURS, true));
    assertThat(store.log).containsExactly("marker", "release");
    assertThat(store.pending).isNull();
    assertThat(new String(store.objects.get(Artifact.ZIP), StandardCharsets.UTF_8))
        .isEqualTo("old zip");
  }

  @Test
  void aCompleteVersionNotInItsListIsListedAgain() {
    complete(OURS);
    store.list = "v1.0.0-pre\nv1.0.01\n";
    assertThat(store.save(REF, files(OURS)))
        .isEqualTo(new SaveOutcome.AlreadyPresent(REF, OURS, true));
    assertThat(store.log).endsWith("rebuildList");
    store.list = null;
    store.listFails = true;
    assertThat(store.save(REF, files(OURS)))
        .isEqualTo(new SaveOutcome.AlreadyPresent(REF, OURS, false));
  }

  @Test
  void aCompleteVersionWithOtherHashesIsAConflictAndNothingIsWritten() {
    complete(OTHERS);
    assertThat(store.save(REF, files(OURS)))
        .isEqualTo(new SaveOutcome.Conflict(REF, OTHERS, OURS, true));
    assertThat(store.repair(REF, files(OURS)))
        .isEqualTo(new SaveOutcome.Conflict(REF, OTHERS, OURS, true));
    assertThat(store.log).doesNotContain("put MOD", "put ZIP", "createInfo");
  }

  @Test
  void missingFilesOfACompleteVersionAreRewrittenAndItsLayoutsGivenTheStoredInfo() {
    complete(OURS);
    store.objects.remove(Artifact.ZIP);
    assertThat(store.save(REF, files(OURS)))
        .isEqualTo(new SaveOutcome.Repaired(REF, OURS, Set.of(Artifact.ZIP), true));
    assertThat(store.log).containsExactly("marker", "release", "put ZIP", "writeLayouts old info");

    store.log.clear();
    store.objects.remove(Artifact.MOD);
    assertThat(store.save(REF, files(OURS)))
        .isEqualTo(new SaveOutcome.Repaired(REF, OURS, Set.of(Artifact.MOD), true));
    assertThat(store.log).containsExactly("marker", "release", "put MOD", "writeLayouts old info");
  }

  @Test
  void aLayoutEnabledLaterIsFilledOnTheNextSaveOfAPresentVersion() {
    complete(OURS);
    store.layoutsComplete = false;
    assertThat(store.save(REF, files(OURS)))
        .isEqualTo(new SaveOutcome.AlreadyPresent(REF, OURS, true));
    assertThat(store.log).containsExactly("marker", "release", "writeLayouts old info");
  }

  @Test
  void repairRewritesBothFilesOfACompleteVersionAndSavesOneThatIsNot() {
    complete(OURS);
    assertThat(store.repair(REF, files(OURS)))
        .isEqualTo(new SaveOutcome.Repaired(REF, OURS, Set.of(Artifact.MOD, Artifact.ZIP), true));
    assertThat(new String(store.objects.get(Artifact.ZIP), StandardCharsets.UTF_8))
        .isEqualTo("zip");

    MapModuleStore empty = new MapModuleStore();
    assertThat(empty.repair(REF, files(OURS))).isEqualTo(new SaveOutcome.Stored(REF, OURS, true));
  }

  @Test
  void anotherWriterOfTheSameHashesCompletingFirstMakesItAlreadyPresent() {
    store.beforeCreateInfo = () -> complete(OURS);
    assertThat(store.save(REF, files(OURS)))
        .isEqualTo(new SaveOutcome.AlreadyPresent(REF, OURS, true));
  }

  @Test
  void aCopySavesInTheSameOrderWithoutClaimOrMarkerRead() {
    assertThat(store.saveCopy(REF, files(OURS), true))
        .isEqualTo(new SaveOutcome.Stored(REF, OURS, true));
    assertThat(store.log)
        .containsExactly(
            "put MOD",
            "put ZIP",
            "writeLayouts {\"Version\":\"v1.0.0\"}",
            "createInfo",
            "rebuildList");
    assertThat(store.pending).isNull();
  }

  @Test
  void aCopyLeftUnlistedSaysSoForItsCallerToListOnce() {
    assertThat(store.saveCopy(REF, files(OURS), false))
        .isEqualTo(new SaveOutcome.Stored(REF, OURS, false));
    assertThat(store.log).doesNotContain("rebuildList");
  }

  @Test
  void aCopyCompletedByAnotherWriterFirstIsAlreadyPresentOrAConflict() {
    store.beforeCreateInfo = () -> complete(OURS);
    assertThat(store.saveCopy(REF, files(OURS), false))
        .isEqualTo(new SaveOutcome.AlreadyPresent(REF, OURS, true));
    MapModuleStore other = new MapModuleStore();
    other.beforeCreateInfo = () -> complete(other, OTHERS);
    assertThat(other.saveCopy(REF, files(OURS), true))
        .isEqualTo(new SaveOutcome.Conflict(REF, OTHERS, OURS, true));
  }

  @Test
  void anInfoThatVanishesWhileSavingIsTransient() {
    MapModuleStore vanishing =
        new MapModuleStore() {
          @Override
          public boolean createInfo(ModuleRef ref, byte[] info, VersionHashes hashes) {
            log.add("createInfo");
            return false;
          }
        };
    assertThatThrownBy(() -> vanishing.save(REF, files(OURS)))
        .isInstanceOf(TransientException.class)
        .hasMessage("store map: the .info of example.com/m@v1.0.0 vanished while it was saved");
  }

  @Test
  void anInfoWithoutRecordedHashesIsPermanentUntilAdopted() {
    complete(OURS);
    store.marker = CompletionMarker.UNRECORDED;
    assertThatThrownBy(() -> store.save(REF, files(OURS)))
        .isInstanceOf(PermanentException.class)
        .hasMessage(
            "store map holds an .info without recorded hashes for example.com/m@v1.0.0 (written"
                + " by an older release or another tool): its stored bytes must be hashed and"
                + " recorded first");
    assertThat(store.log).containsExactly("marker");
  }

  @Test
  void completeLayoutsWritesOnlyWhatIsMissingFromTheStoredInfo() {
    complete(OURS);
    store.completeLayouts(REF);
    assertThat(store.log).isEmpty();
    store.layoutsComplete = false;
    store.completeLayouts(REF);
    assertThat(store.log).containsExactly("writeLayouts old info");

    store.layoutsComplete = false;
    store.objects.remove(Artifact.INFO);
    assertThatThrownBy(() -> store.completeLayouts(REF))
        .isInstanceOf(TransientException.class)
        .hasMessage("store map: .info of example.com/m@v1.0.0 vanished");
  }

  @Test
  void listedMatchesWholeLinesAndSizeIsTheStatsSize() {
    assertThat(store.listed(REF)).isFalse();
    store.list = "v1.0.0-pre\nv1.0.00\n";
    assertThat(store.listed(REF)).isFalse();
    store.list = "v0.9.0\nv1.0.0";
    assertThat(store.listed(REF)).isTrue();
    assertThat(store.size(REF, Artifact.ZIP)).isEmpty();
    store.objects.put(Artifact.ZIP, new byte[7]);
    assertThat(store.size(REF, Artifact.ZIP)).contains(7L);
  }

  @Test
  void aPortWithoutOtherLayoutsKeepsNone() {
    ModuleStore bare =
        (ModuleStore)
            java.lang.reflect.Proxy.newProxyInstance(
                ModuleStore.class.getClassLoader(),
                new Class<?>[] {ModuleStore.class},
                (proxy, method, args) -> {
                  if (method.isDefault()) {
                    return java.lang.reflect.InvocationHandler.invokeDefault(proxy, method, args);
                  }
                  throw new AssertionError("unexpected call " + method.getName());
                });
    assertThat(bare.layoutsComplete(REF)).isTrue();
    bare.writeLayouts(REF, new byte[0]);
    bare.completeLayouts(REF);
  }

  /**
   * The smallest {@link ModuleStore} over maps, for core's tests of the port's default methods and
   * of {@link StoredVersions} (the full in-memory store and its contract suite live in testkit,
   * which depends on core). Every call that writes is logged in order ({@code put MOD}, {@code
   * createInfo}, …); {@link #beforeCreateInfo} and the failure switches stand in for another writer
   * and a broken store.
   */
  static class MapModuleStore implements ModuleStore {
    final Map<Artifact, byte[]> objects = new HashMap<>();
    final List<String> log = new ArrayList<>();
    CompletionMarker marker = CompletionMarker.MISSING;
    VersionHashes pending;
    String list;
    boolean layoutsComplete = true;
    boolean listFails;
    boolean releaseFails;
    boolean recordHashesWins = true;
    Runnable beforeCreateInfo = () -> {};

    @Override
    public CompletionMarker marker(ModuleRef ref) {
      log.add("marker");
      return marker;
    }

    @Override
    public boolean createInfo(ModuleRef ref, byte[] info, VersionHashes hashes) {
      beforeCreateInfo.run();
      log.add("createInfo");
      if (!(marker instanceof CompletionMarker.Missing)) {
        return false;
      }
      objects.put(Artifact.INFO, info);
      marker = new CompletionMarker.Recorded(hashes);
      return true;
    }

    @Override
    public VersionHashes claim(ModuleRef ref, VersionHashes hashes) {
      log.add("claim");
      if (pending == null) {
        pending = hashes;
      }
      return pending;
    }

    @Override
    public void release(ModuleRef ref) {
      log.add("release");
      if (releaseFails) {
        throw new TransientException("release failed", ref);
      }
      pending = null;
    }

    @Override
    public boolean recordHashes(ModuleRef ref, VersionHashes hashes) {
      log.add("recordHashes");
      if (recordHashesWins && marker instanceof CompletionMarker.Unrecorded) {
        marker = new CompletionMarker.Recorded(hashes);
        return true;
      }
      return false;
    }

    @Override
    public void writeLayouts(ModuleRef ref, byte[] info) {
      log.add("writeLayouts " + new String(info, java.nio.charset.StandardCharsets.UTF_8));
      layoutsComplete = true;
    }

    @Override
    public boolean layoutsComplete(ModuleRef ref) {
      return layoutsComplete;
    }

    @Override
    public void put(ModuleRef ref, Artifact artifact, InputStream content, long length) {
      log.add("put " + artifact);
      try {
        objects.put(artifact, content.readAllBytes());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    public Optional<InputStream> open(ModuleRef ref, Artifact artifact) {
      return Optional.ofNullable(objects.get(artifact)).map(ByteArrayInputStream::new);
    }

    @Override
    public Optional<StoredObject> read(ModuleRef ref, Artifact artifact) {
      return open(ref, artifact).map(in -> new StoredObject(in, stat(ref, artifact).orElseThrow()));
    }

    @Override
    public Optional<ObjectStat> stat(ModuleRef ref, Artifact artifact) {
      return Optional.ofNullable(objects.get(artifact)).map(b -> new ObjectStat(b.length, "etag"));
    }

    @Override
    public List<ModuleVersion> completeVersions(ModulePath path) {
      return List.of();
    }

    @Override
    public void rebuildList(ModulePath path) {
      log.add("rebuildList");
      if (listFails) {
        throw new TransientException("list failed", path.value(), null);
      }
      list = "v1.0.0\n";
    }

    @Override
    public Optional<String> readList(ModulePath path) {
      return Optional.ofNullable(list);
    }

    @Override
    public void delete(ModuleRef ref, Artifact artifact) {
      objects.remove(artifact);
    }

    @Override
    public java.util.Iterator<ListedKey> listKeys(String prefix) {
      throw new UnsupportedOperationException("no listing in the map store");
    }

    @Override
    public void putRecord(String key, byte[] bytes) {
      throw new UnsupportedOperationException("no records in the map store");
    }

    @Override
    public Optional<byte[]> readRecord(String key) {
      throw new UnsupportedOperationException("no records in the map store");
    }

    @Override
    public void deleteRecord(String key) {
      throw new UnsupportedOperationException("no records in the map store");
    }

    @Override
    public String name() {
      return "map";
    }
  }
}
