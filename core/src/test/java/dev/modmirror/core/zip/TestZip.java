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
    Long localSize;
    Long localCrc;
    boolean zip64;
    boolean zip64Unused;
    boolean timestamp;
    Integer method;
    byte[] raw;
    byte[] cenExtra = new byte[0];
    boolean descriptor;
    boolean descriptorSigned = true;
    Long descriptorCrc;

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

    /** Declares an uncompressed size in the local header only. */
    public Entry localSize(long size) {
      localSize = size;
      return this;
    }

    /** Declares a CRC-32 in the local header only. */
    public Entry localCrc(long crc) {
      localCrc = crc;
      return this;
    }

    /** Adds a zip64 extra field with bogus values while the 32-bit fields stay real. */
    public Entry zip64Unused() {
      zip64Unused = true;
      return this;
    }

    /** Puts an extended-timestamp extra field (id 0x5455) before any other extra field. */
    public Entry timestamp() {
      timestamp = true;
      return this;
    }

    /** Declares this compression method in both headers (the data stays as it would be). */
    public Entry method(int method) {
      this.method = method;
      return this;
    }

    /** Writes these bytes as the entry's data instead of its (compressed) content. */
    public Entry raw(byte[] data) {
      raw = data;
      return this;
    }

    /** Puts these bytes first in the central header's extra field. */
    public Entry cenExtra(byte[] extra) {
      cenExtra = extra;
      return this;
    }

    /**
     * Sets flag bit 3: the local header holds zeros and a data descriptor follows the data, with
     * its signature or without, declaring {@code crc} (null: the real one).
     */
    public Entry descriptor(boolean signed, Long crc) {
      descriptor = true;
      descriptorSigned = signed;
      descriptorCrc = crc;
      return this;
    }

    /** Sets the external attributes as they are (MS-DOS bits low, Unix mode high). */
    public Entry attributes(long attributes) {
      externalAttributes = attributes;
      return this;
    }

    /** Sets the host byte of "version made by" (0 MS-DOS, 3 Unix, 19 macOS). */
    public Entry madeBy(int host) {
      madeBy = host << 8 | (madeBy & 0xff);
      return this;
    }

    /** Writes sizes and offset as 0xffffffff with the real values in a zip64 extra field. */
    public Entry zip64() {
      zip64 = true;
      return this;
    }
  }

  private boolean reverseCentral;
  private byte[] comment = new byte[0];
  private boolean zip64End;
  private long zip64LocatorOffset = -1;
  private long zip64LocatorFromEnd = -1;
  private long zip64CountDelta;
  private Long[] shadowEnd;
  private long[] shadowDelta;
  private static final Long[] SENTINELS = {0xffffL, 0xffffffffL, 0xffffffffL};
  private Long[] eocd;
  private long[] eocdDelta = new long[3];

  /** Ends the archive with this comment after the end record. */
  public TestZip comment(byte[] comment) {
    this.comment = comment;
    return this;
  }

  /**
   * Writes a zip64 end record and locator, with the 16- and 32-bit fields of the end record set to
   * all ones; {@code locatorOffset} (if not -1) is written in the locator instead of the record's.
   */
  public TestZip zip64End(long locatorOffset) {
    zip64End = true;
    zip64LocatorOffset = locatorOffset;
    return this;
  }

  /**
   * Like {@link #zip64End(long)}, the locator pointing {@code back} bytes before the end of the
   * file.
   */
  public TestZip zip64EndFromEnd(long back) {
    zip64End = true;
    zip64LocatorFromEnd = back;
    return this;
  }

  /** Writes the zip64 end record's entry counts as the real count plus {@code delta}. */
  public TestZip zip64CountDelta(long delta) {
    zip64CountDelta = delta;
    return this;
  }

  /**
   * Writes a second zip64 end record after the directory's (with its locator and an end record of
   * sentinels whose comment runs to the end of the file), and one stray byte after the last end
   * record: Go reads the last end record, java.util.zip passes over it (its comment does not reach
   * the end of the file and its offset is a sentinel) and follows this one. Its entry count,
   * directory size and directory offset are the values given, or (null) the real ones plus {@code
   * delta}. Needs {@link #zip64End(long)}.
   */
  public TestZip shadowZip64End(Long[] values, long[] delta) {
    shadowEnd = values.clone();
    shadowDelta = delta.clone();
    return this;
  }

  /**
   * What the end record's entry count, directory size and directory offset hold: a value, or (null)
   * the real value plus {@code delta}. By default the real values, or the sentinels 0xffff,
   * 0xffffffff and 0xffffffff when a zip64 end record is written.
   */
  public TestZip eocd(Long[] values, long[] delta) {
    eocd = values.clone();
    eocdDelta = delta.clone();
    return this;
  }

  /** Lists the entries in the central directory in the reverse of their order in the file. */
  public TestZip reverseCentral() {
    reverseCentral = true;
    return this;
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
    List<byte[]> central = new ArrayList<>();
    for (Entry e : entries) {
      byte[] data = e.raw != null ? e.raw : e.deflate ? deflate(e.content) : e.content;
      CRC32 crc = new CRC32();
      crc.update(e.content);
      long crcValue = e.declaredCrc != null ? e.declaredCrc : crc.getValue();
      long size = e.declaredSize != null ? e.declaredSize : e.content.length;
      int method = e.method != null ? e.method : e.deflate ? 8 : 0;
      int flags = e.descriptor ? 0x808 : 0x800;
      long csize = e.compressedSize != null ? e.compressedSize : data.length;
      byte[] name = e.name.getBytes(StandardCharsets.UTF_8);
      byte[] localName =
          (e.localName != null ? e.localName : e.name).getBytes(StandardCharsets.UTF_8);
      int offset = out.size();
      long wide = 0xffffffffL;
      ByteArrayOutputStream localExtra = new ByteArrayOutputStream();
      ByteArrayOutputStream cenExtra = new ByteArrayOutputStream();
      cenExtra.writeBytes(e.cenExtra);
      if (e.timestamp) {
        u16(cenExtra, 0x5455);
        u16(cenExtra, 5);
        cenExtra.write(1);
        u32(cenExtra, 0x5f000000L);
      }
      if (e.zip64Unused) {
        u16(cenExtra, 1);
        u16(cenExtra, 24);
        u64(cenExtra, 123456789L);
        u64(cenExtra, 987654321L);
        u64(cenExtra, 555L);
      }
      if (e.zip64) {
        u16(localExtra, 1);
        u16(localExtra, 16);
        u64(localExtra, e.localSize != null ? e.localSize : size);
        u64(localExtra, csize);
        u16(cenExtra, 1);
        u16(cenExtra, 24);
        u64(cenExtra, size);
        u64(cenExtra, csize);
        u64(cenExtra, offset);
      }
      u32(out, 0x04034b50);
      u16(out, 20);
      u16(out, flags);
      u16(out, method);
      u32(out, 0);
      u32(out, e.descriptor ? 0 : e.localCrc != null ? e.localCrc : crcValue);
      u32(out, e.descriptor ? 0 : e.zip64 ? wide : csize);
      u32(out, e.descriptor ? 0 : e.zip64 ? wide : e.localSize != null ? e.localSize : size);
      u16(out, localName.length);
      u16(out, localExtra.size());
      out.writeBytes(localName);
      out.writeBytes(localExtra.toByteArray());
      out.writeBytes(data);
      if (e.descriptor) {
        if (e.descriptorSigned) {
          u32(out, 0x08074b50);
        }
        u32(out, e.descriptorCrc != null ? e.descriptorCrc : crcValue);
        u32(out, csize);
        u32(out, size);
      }
      ByteArrayOutputStream cen = new ByteArrayOutputStream();
      u32(cen, 0x02014b50);
      u16(cen, e.madeBy);
      u16(cen, e.zip64 ? 45 : 20);
      u16(cen, flags);
      u16(cen, method);
      u32(cen, 0);
      u32(cen, crcValue);
      u32(cen, e.zip64 ? wide : csize);
      u32(cen, e.zip64 ? wide : size);
      u16(cen, name.length);
      u16(cen, cenExtra.size());
      u16(cen, 0);
      u16(cen, 0);
      u16(cen, 0);
      u32(cen, e.externalAttributes);
      u32(cen, e.zip64 ? wide : offset);
      cen.writeBytes(name);
      cen.writeBytes(cenExtra.toByteArray());
      central.add(cen.toByteArray());
    }
    if (reverseCentral) {
      java.util.Collections.reverse(central);
    }
    int cenOffset = out.size();
    int cenSize = 0;
    for (byte[] c : central) {
      out.writeBytes(c);
      cenSize += c.length;
    }
    if (zip64End) {
      long record = out.size();
      zip64EndRecord(out, entries.size() + zip64CountDelta, cenSize, cenOffset);
      int stray = shadowEnd != null ? 1 : 0;
      if (shadowEnd != null) {
        long[] real = {entries.size(), cenSize, cenOffset};
        long[] v = new long[3];
        for (int i = 0; i < 3; i++) {
          v[i] = shadowEnd[i] != null ? shadowEnd[i] : real[i] + shadowDelta[i];
        }
        long shadow = out.size();
        zip64EndRecord(out, v[0], v[1], v[2]);
        u32(out, 0x07064b50);
        u32(out, 0);
        u64(out, shadow);
        u32(out, 1);
        u32(out, 0x06054b50);
        u16(out, 0);
        u16(out, 0);
        u16(out, 0xffff);
        u16(out, 0xffff);
        u32(out, 0xffffffffL);
        u32(out, 0xffffffffL);
        u16(out, 20 + 22 + comment.length + stray);
      }
      long end = out.size() + 20 + 22 + comment.length + stray;
      u32(out, 0x07064b50);
      u32(out, 0);
      u64(
          out,
          zip64LocatorFromEnd != -1
              ? end - zip64LocatorFromEnd
              : zip64LocatorOffset != -1 ? zip64LocatorOffset : record);
      u32(out, 1);
    }
    Long[] fields = eocd != null ? eocd : zip64End ? SENTINELS : new Long[3];
    long[] real = {entries.size(), cenSize, cenOffset};
    long[] v = new long[3];
    for (int i = 0; i < 3; i++) {
      v[i] = fields[i] != null ? fields[i] : real[i] + eocdDelta[i];
    }
    u32(out, 0x06054b50);
    u16(out, 0);
    u16(out, 0);
    u16(out, (int) v[0]);
    u16(out, (int) v[0]);
    u32(out, v[1]);
    u32(out, v[2]);
    u16(out, comment.length);
    out.writeBytes(comment);
    if (shadowEnd != null) {
      out.write(0);
    }
    return out.toByteArray();
  }

  /** A zip64 end record (version 4.5, disk 0) counting {@code records} entries on both counts. */
  private static void zip64EndRecord(ByteArrayOutputStream out, long records, long size, long at) {
    u32(out, 0x06064b50);
    u64(out, 44);
    u16(out, 45);
    u16(out, 45);
    u32(out, 0);
    u32(out, 0);
    u64(out, records);
    u64(out, records);
    u64(out, size);
    u64(out, at);
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

  private static void u64(ByteArrayOutputStream out, long v) {
    u32(out, v & 0xffffffffL);
    u32(out, v >>> 32);
  }
}
