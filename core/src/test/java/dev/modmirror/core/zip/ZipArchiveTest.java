package dev.modmirror.core.zip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modmirror.core.module.ModuleLimits;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.ClosedChannelException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Entry streams read the same a byte at a time as in blocks, and one after another; directories
 * read as empty whatever their data, as in Go; the archive's direct buffer goes to one large
 * deflated stream at a time and comes back when it closes; a closed archive reads nothing.
 */
class ZipArchiveTest {
  private static final String P = "example.com/m@v1.0.0/";

  @TempDir Path dir;

  @Test
  void readsEntriesByteByByteAndInBlocks() throws IOException {
    String text = "0123456789abcdef".repeat(9000);
    TestZip zip = TestZip.create();
    zip.add(P + "deflated.txt", text);
    zip.add(P + "stored.txt", text).stored();
    zip.add(P + "empty", "");
    Path file = zip.write(dir.resolve("m.zip"));
    try (ZipArchive archive = ZipArchive.open(file, ModuleLimits.MAX_ZIP_FILE, null, null)) {
      assertThat(archive.entries()).hasSize(3);
      for (int i = 0; i < 2; i++) {
        assertThat(readByteByByte(archive.open(i))).isEqualTo(text);
        try (InputStream in = archive.open(i)) {
          assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(text);
          assertThat(in.read()).isEqualTo(-1);
          assertThat(in.read(new byte[8])).isEqualTo(-1);
        }
      }
      assertThat(readByteByByte(archive.open(2))).isEmpty();
    }
  }

  private static String readByteByByte(InputStream stream) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (InputStream in = stream) {
      for (int b; (b = in.read()) >= 0; ) {
        assertThat(b).isBetween(0, 255);
        out.write(b);
      }
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void readsDirectoriesAsEmptyWithoutTouchingTheirData() throws IOException {
    TestZip zip = TestZip.create();
    zip.dir(P + "d/").method(8).raw(new byte[] {-1, -1});
    zip.dir(P + "e/").declaredSize(1);
    Path file = zip.write(dir.resolve("m.zip"));
    try (ZipArchive archive = ZipArchive.open(file, ModuleLimits.MAX_ZIP_FILE, null, null)) {
      try (InputStream in = archive.open(0)) {
        assertThat(in.readAllBytes()).isEmpty();
      }
      assertThatThrownBy(() -> archive.open(1))
          .isInstanceOfSatisfying(
              ZipRuleException.class,
              e -> assertThat(e.rule()).isEqualTo(ZipRule.DIRECTORY_WITH_CONTENT));
    }
  }

  @Test
  void lendsTheDirectBufferToOneStreamOverSixtyFourKibibytesAtATime() throws IOException {
    byte[] big = new byte[200_000];
    new Random(1).nextBytes(big);
    TestZip zip = TestZip.create();
    zip.add(P + "big1", big);
    zip.add(P + "big2", big);
    // Data that is never inflated here: only its length decides which buffer a stream gets.
    zip.add(P + "at-limit", new byte[0]).declaredSize(0).raw(new byte[64 * 1024]);
    zip.add(P + "over-limit", new byte[0]).declaredSize(0).raw(new byte[64 * 1024 + 1]);
    zip.add(P + "stored", big).stored();
    Path file = zip.write(dir.resolve("m.zip"));
    try (ZipArchive archive = ZipArchive.open(file, ModuleLimits.MAX_ZIP_FILE, null, null)) {
      EntryInputStream first = (EntryInputStream) archive.open(0);
      EntryInputStream second = (EntryInputStream) archive.open(1);
      assertThat(first.direct()).isTrue();
      assertThat(second.direct()).isFalse();
      assertThat(first.readAllBytes()).isEqualTo(big);
      assertThat(second.readAllBytes()).isEqualTo(big);
      second.close();
      try (EntryInputStream third = (EntryInputStream) archive.open(3)) {
        assertThat(third.direct()).isFalse();
      }
      first.close();
      first.close();
      EntryInputStream atLimit = (EntryInputStream) archive.open(2);
      assertThat(atLimit.direct()).isFalse();
      atLimit.close();
      EntryInputStream overLimit = (EntryInputStream) archive.open(3);
      assertThat(overLimit.direct()).isTrue();
      overLimit.close();
      EntryInputStream stored = (EntryInputStream) archive.open(4);
      assertThat(stored.direct()).isFalse();
      assertThat(stored.readAllBytes()).isEqualTo(big);
      stored.close();
      EntryInputStream again = (EntryInputStream) archive.open(1);
      assertThat(again.direct()).isTrue();
      assertThat(again.readAllBytes()).isEqualTo(big);
      again.close();
    }
  }

  @Test
  void readsNothingOnceClosed() throws IOException {
    TestZip zip = TestZip.create();
    zip.add(P + "stored.txt", "text").stored();
    Path file = zip.write(dir.resolve("m.zip"));
    ZipArchive archive = ZipArchive.open(file, ModuleLimits.MAX_ZIP_FILE, null, null);
    archive.close();
    assertThatThrownBy(() -> archive.open(0).read()).isInstanceOf(ClosedChannelException.class);
  }
}
