package dev.modmirror.core.zip;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modmirror.core.module.ModuleLimits;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Entry streams read the same a byte at a time as in blocks, and one after another. */
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
}
