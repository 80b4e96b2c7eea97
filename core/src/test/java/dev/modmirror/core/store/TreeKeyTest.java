package dev.modmirror.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modmirror.core.module.ModuleRef;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TreeKeyTest {

  @Test
  void readsBackEveryKeyObjectKeysBuilds() {
    ModuleRef ref = ModuleRef.of("github.com/Azure/azure-sdk-for-go", "v1.2.3-RC.1");
    for (Artifact artifact : Artifact.values()) {
      TreeKey key = TreeKey.parse(ObjectKeys.artifact(ref, artifact)).orElseThrow();
      assertThat(key.ref()).isEqualTo(ref);
      assertThat(key.artifact()).isEqualTo(artifact);
    }
    TreeKey list = TreeKey.parse(ObjectKeys.list(ref.path())).orElseThrow();
    assertThat(list.isList()).isTrue();
    assertThat(list.path()).isEqualTo(ref.path());
  }

  @Test
  void keysOutsideTheLayoutNameNothing() {
    for (String key :
        List.of(
            "README.md",
            "_modmirror/pending/example.com/a/@v/v1.0.0",
            "example.com/a/@v/v1.0.0.txt",
            "example.com/a/@v/not-semver.info",
            "example.com/A/@v/v1.0.0.info",
            "example.com/a/@v/v1.0.0-RC.info",
            "../etc/@v/v1.0.0.info",
            "example.com/a/../b/@v/v1.0.0.zip",
            "/@v/v1.0.0.info",
            "example.com/a/v1.0.0/source.zip",
            "example.com/a/@v/")) {
      assertThat(TreeKey.parse(key)).as(key).isEmpty();
    }
  }

  @Test
  void readsRecordKeysBackUnderTheirPrefix() {
    ModuleRef ref = ModuleRef.of("example.com/Upper/v2", "v2.0.0");
    assertThat(TreeKey.parseRecord(ObjectKeys.TOMBSTONES, ObjectKeys.tombstone(ref))).contains(ref);
    assertThat(
            TreeKey.parseRecord(
                ObjectKeys.unreplicatedPrefix("eu"), ObjectKeys.unreplicated("eu", ref)))
        .contains(ref);
    assertThat(TreeKey.parseRecord(ObjectKeys.TOMBSTONES, ObjectKeys.unreplicated("eu", ref)))
        .isEqualTo(Optional.empty());
  }

  @Test
  void ordersKeysByTheirUtf8BytesAsS3Does() {
    assertThat(ObjectKeys.ORDER.compare("a/b-c/@v/x", "a/b/@v/x")).isNegative();
    assertThat(ObjectKeys.ORDER.compare("a/b/@v/x", "a/b/v2/@v/x")).isNegative();
    // U+FFFD sorts before U+10000 in UTF-16 but after it in UTF-8.
    assertThat(ObjectKeys.ORDER.compare("\uFFFD", "\uD800\uDC00")).isNegative();
    assertThat("\uFFFD".compareTo("\uD800\uDC00")).isPositive();
  }
}
