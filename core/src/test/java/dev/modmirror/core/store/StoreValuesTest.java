package dev.modmirror.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modmirror.core.error.InvalidInputException;
import dev.modmirror.core.module.ModuleRef;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The store's value types: go.sum lines of a version's hashes, and what a save may report. */
class StoreValuesTest {
  private static final ModuleRef REF = ModuleRef.of("example.com/m", "v1.0.0");
  private static final VersionHashes HASHES = new VersionHashes("h1:zip=", "h1:mod=");
  private static final String LINES =
      "example.com/m v1.0.0 h1:zip=\nexample.com/m v1.0.0/go.mod h1:mod=\n";

  @Test
  void writesAndReadsTheGoSumLinesOfAVersion() {
    assertThat(HASHES.goSumLines(REF)).isEqualTo(LINES);
    assertThat(VersionHashes.parseGoSumLines(REF, LINES)).isEqualTo(HASHES);
    assertThat(HASHES).hasToString("h1:zip= (go.mod h1:mod=)");
  }

  @Test
  void refusesLinesOfAnotherVersionOrShape() {
    for (String text :
        new String[] {
          LINES.trim(),
          LINES + "\n",
          LINES.replace("v1.0.0 h1", "v1.0.1 h1"),
          LINES.replace("/go.mod", ""),
          "example.com/m v1.0.0 h1:zip=\n",
          ModuleRef.of("example.com/m", "v1.0.1").toString(),
        }) {
      assertThatThrownBy(() -> VersionHashes.parseGoSumLines(REF, text))
          .as(text)
          .isInstanceOf(InvalidInputException.class);
    }
  }

  @Test
  void takesOnlyH1Hashes() {
    for (String bad : new String[] {"h1:", "h2:abc", "h1:a b", "h1:a\n", "abc"}) {
      assertThatThrownBy(() -> new VersionHashes(bad, "h1:x"))
          .as(bad)
          .isInstanceOf(InvalidInputException.class)
          .hasMessageContaining("h1 is not an h1: hash");
      assertThatThrownBy(() -> new VersionHashes("h1:x", bad))
          .as(bad)
          .isInstanceOf(InvalidInputException.class)
          .hasMessageContaining("goModH1 is not an h1: hash");
    }
    assertThat(new VersionHashes("h1:x", "h1:y").h1()).isEqualTo("h1:x");
  }

  @Test
  void aRepairRewritesModOrZipButNeverInfoAndAConflictNeedsTwoPairs() {
    var repaired = new SaveOutcome.Repaired(REF, HASHES, Set.of(Artifact.ZIP), true);
    assertThat(repaired.rewritten()).containsExactly(Artifact.ZIP);
    assertThatThrownBy(() -> new SaveOutcome.Repaired(REF, HASHES, Set.of(), true))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> new SaveOutcome.Repaired(REF, HASHES, Set.of(Artifact.MOD, Artifact.INFO), true))
        .isInstanceOf(IllegalArgumentException.class);
    VersionHashes other = new VersionHashes("h1:other=", "h1:mod=");
    assertThat(new SaveOutcome.Conflict(REF, HASHES, other, true).offered()).isEqualTo(other);
    assertThatThrownBy(() -> new SaveOutcome.Conflict(REF, HASHES, HASHES, true))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new SaveOutcome.Stored(REF, null, false))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> new SaveOutcome.AlreadyPresent(null, HASHES, false))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> new CompletionMarker.Recorded(null))
        .isInstanceOf(NullPointerException.class);
    assertThat(CompletionMarker.MISSING).isInstanceOf(CompletionMarker.Missing.class);
    assertThat(CompletionMarker.UNRECORDED).isInstanceOf(CompletionMarker.Unrecorded.class);
  }

  @Test
  void versionFilesAndObjectStatsCheckTheirBounds() throws Exception {
    byte[] none = new byte[0];
    var zip = new java.io.ByteArrayInputStream(none);
    assertThat(new VersionFiles(none, zip, -1, none, HASHES).zipLength()).isEqualTo(-1);
    assertThat(new VersionFiles(none, zip, 0, none, HASHES).zipLength()).isZero();
    assertThatThrownBy(() -> new VersionFiles(none, zip, -2, none, HASHES))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new VersionFiles(none, null, 0, none, HASHES))
        .isInstanceOf(NullPointerException.class);
    assertThat(new ObjectStat(0, "e").size()).isZero();
    assertThatThrownBy(() -> new ObjectStat(-1, "e")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ObjectStat(1, "")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ObjectStat(1, "\"e\""))
        .isInstanceOf(IllegalArgumentException.class);
    boolean[] closed = {false};
    var content =
        new java.io.ByteArrayInputStream(none) {
          @Override
          public void close() {
            closed[0] = true;
          }
        };
    try (StoredObject object = new StoredObject(content, new ObjectStat(0, "e"))) {
      assertThat(object.stat().etag()).isEqualTo("e");
    }
    assertThat(closed[0]).isTrue();
  }

  @Test
  void aListedKeyHasAllItsFieldsAndNoNegativeSize() {
    java.time.Instant t = java.time.Instant.EPOCH;
    assertThat(new ListedKey("a/@v/list", 0, "e", t).size()).isZero();
    assertThatThrownBy(() -> new ListedKey("a/@v/list", -1, "e", t))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("size must not be negative");
    assertThatThrownBy(() -> new ListedKey(null, 0, "e", t)).hasMessage("key");
    assertThatThrownBy(() -> new ListedKey("k", 0, null, t)).hasMessage("etag");
    assertThatThrownBy(() -> new ListedKey("k", 0, "e", null)).hasMessage("lastModified");
  }
}
