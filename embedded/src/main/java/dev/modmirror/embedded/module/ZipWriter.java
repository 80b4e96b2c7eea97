package dev.modmirror.embedded.module;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * A minimal zip writer. {@link java.util.zip.ZipOutputStream} refuses duplicate names, which
 * negative tests need; this one writes any entry names in the given order, every entry with the
 * same fixed time (1980-01-01 00:00 in DOS format) so the bytes are reproducible.
 */
final class ZipWriter {
  private static final int DOS_TIME = 0;
  private static final int DOS_DATE = (1 << 5) | 1; // 1980-01-01
  private static final int UTF8_FLAG = 0x0800;
  private static final int DEFLATED = 8;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream central = new ByteArrayOutputStream();
  private int count;

  /** Appends one deflated entry. */
  void add(String name, byte[] content) {
    byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
    byte[] data = deflate(content);
    CRC32 crc = new CRC32();
    crc.update(content);
    int offset = out.size();
    header(out, 0x04034b50, false, nameBytes, crc.getValue(), data.length, content.length, 0);
    out.writeBytes(nameBytes);
    out.writeBytes(data);
    header(
        central, 0x02014b50, true, nameBytes, crc.getValue(), data.length, content.length, offset);
    central.writeBytes(nameBytes);
    count++;
  }

  /** The complete archive: entries, central directory, end record. */
  byte[] finish() {
    int centralOffset = out.size();
    out.writeBytes(central.toByteArray());
    int32(out, 0x06054b50);
    int16(out, 0);
    int16(out, 0);
    int16(out, count);
    int16(out, count);
    int32(out, central.size());
    int32(out, centralOffset);
    int16(out, 0);
    return out.toByteArray();
  }

  private static void header(
      ByteArrayOutputStream o,
      int signature,
      boolean isCentral,
      byte[] name,
      long crc,
      int compressed,
      int size,
      int offset) {
    int32(o, signature);
    if (isCentral) {
      int16(o, 20); // version made by
    }
    int16(o, 20); // version needed
    int16(o, UTF8_FLAG);
    int16(o, DEFLATED);
    int16(o, DOS_TIME);
    int16(o, DOS_DATE);
    int32(o, (int) crc);
    int32(o, compressed);
    int32(o, size);
    int16(o, name.length);
    int16(o, 0); // extra length
    if (isCentral) {
      int16(o, 0); // comment length
      int16(o, 0); // disk number
      int16(o, 0); // internal attributes
      int32(o, 0); // external attributes
      int32(o, offset);
    }
  }

  private static byte[] deflate(byte[] content) {
    Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
    try {
      deflater.setInput(content);
      deflater.finish();
      ByteArrayOutputStream result = new ByteArrayOutputStream();
      byte[] buf = new byte[8192];
      while (!deflater.finished()) {
        int n = deflater.deflate(buf);
        result.write(buf, 0, n);
      }
      return result.toByteArray();
    } finally {
      deflater.end();
    }
  }

  private static void int16(ByteArrayOutputStream o, int v) {
    o.write(v & 0xff);
    o.write((v >>> 8) & 0xff);
  }

  private static void int32(ByteArrayOutputStream o, int v) {
    int16(o, v & 0xffff);
    int16(o, (v >>> 16) & 0xffff);
  }
}
