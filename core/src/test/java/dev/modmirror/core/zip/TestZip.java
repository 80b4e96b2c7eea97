package dev.modmirror.core.zip;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Writes zips byte by byte for tests, so that every header field can lie: names, methods, sizes,
 * CRCs, external attributes, local header names. Honest by default.
 */
public final class TestZip {
  /** One entry; the {@code declared*} and {@code local*} fields override what is written. */
  public static final class Entry {
    final String name;
    final byte[] content;
    boolean deflate = true;
    int madeBy = 3 << 8 | 20;
    long externalAttributes = 0100644L << 16;
    Long declaredSize;
    Long declaredCrc;
    String localName;
    Long compressedSize;

    Entry(String name, byte[] content) {
      this.name = name;
      this.content = content;
    }

    public Entry stored() {
      deflate = false;
      return this;
    }

    public Entry unixMode(int mode) {
      madeBy = 3 << 8 | 20;
      externalAttributes = (long) mode << 16;
      return this;
    }

    public Entry declaredSize(long size) {
      declaredSize = size;
      return this;
    }

    public Entry declaredCrc(long crc) {
      declaredCrc = crc;
      return this;
    }

    /** Declares a compressed size in both headers, whatever the data's real length. */
    public Entry compressedSize(long size) {
      compressedSize = size;
      return this;
    }

    public Entry localName(String name) {
      localName = name;
      return this;
    }
  }

  private final List<Entry> entries = new ArrayList<>();

  public static TestZip create() {
    return new TestZip();
  }

  /** Adds a file entry with UTF-8 text content. */
  public Entry add(String name, String content) {
    return add(name, content.getBytes(StandardCharsets.UTF_8));
  }

  public Entry add(String name, byte[] content) {
    Entry e = new Entry(name, content);
    entries.add(e);
    return e;
  }

  /** Adds a directory entry (name must end with /). */
  public Entry dir(String name) {
    return add(name, new byte[0]).stored().unixMode(040755);
  }

  public TestZip with(String name, String content) {
    add(name, content);
    return this;
  }

  public byte[] bytes() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream cen = new ByteArrayOutputStream();
    for (Entry e : entries) {
      byte[] data = e.deflate ? deflate(e.content) : e.content;
      CRC32 crc = new CRC32();
      crc.update(e.content);
      long crcValue = e.declaredCrc != null ? e.declaredCrc : crc.getValue();
      long size = e.declaredSize != null ? e.declaredSize : e.content.length;
      int method = e.deflate ? 8 : 0;
      long csize = e.compressedSize != null ? e.compressedSize : data.length;
      byte[] name = e.name.getBytes(StandardCharsets.UTF_8);
      byte[] localName =
          (e.localName != null ? e.localName : e.name).getBytes(StandardCharsets.UTF_8);
      int offset = out.size();
      u32(out, 0x04034b50);
      u16(out, 20);
      u16(out, 0x800);
      u16(out, method);
      u32(out, 0);
      u32(out, crcValue);
      u32(out, csize);
      u32(out, size);
      u16(out, localName.length);
      u16(out, 0);
      out.writeBytes(localName);
      out.writeBytes(data);
      u32(cen, 0x02014b50);
      u16(cen, e.madeBy);
      u16(cen, 20);
      u16(cen, 0x800);
      u16(cen, method);
      u32(cen, 0);
      u32(cen, crcValue);
      u32(cen, csize);
      u32(cen, size);
      u16(cen, name.length);
      u16(cen, 0);
      u16(cen, 0);
      u16(cen, 0);
      u16(cen, 0);
      u32(cen, e.externalAttributes);
      u32(cen, offset);
      cen.writeBytes(name);
    }
    int cenOffset = out.size();
    out.writeBytes(cen.toByteArray());
    u32(out, 0x06054b50);
    u16(out, 0);
    u16(out, 0);
    u16(out, entries.size());
    u16(out, entries.size());
    u32(out, cen.size());
    u32(out, cenOffset);
    u16(out, 0);
    return out.toByteArray();
  }

  public Path write(Path file) {
    try {
      return Files.write(file, bytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static byte[] deflate(byte[] content) {
    Deflater d = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
    d.setInput(content);
    d.finish();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buf = new byte[8192];
    while (!d.finished()) {
      out.write(buf, 0, d.deflate(buf));
    }
    d.end();
    return out.toByteArray();
  }

  private static void u16(ByteArrayOutputStream out, int v) {
    out.write(v & 0xff);
    out.write(v >>> 8 & 0xff);
  }

  private static void u32(ByteArrayOutputStream out, long v) {
    u16(out, (int) (v & 0xffff));
    u16(out, (int) (v >>> 16 & 0xffff));
  }
}
