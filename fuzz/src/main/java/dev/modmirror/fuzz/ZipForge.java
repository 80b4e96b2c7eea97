package dev.modmirror.fuzz;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Writes a zip byte by byte from a structure in which every field can lie: entries (names, methods,
 * flags, CRCs, sizes, data descriptors, extra fields, zip64 fields, local headers that disagree)
 * and the archive (a prefix, bytes between the directory and the end records, end-record counts,
 * sizes and offsets, zip64 end records behind sentinels or not and counting other than the
 * directory holds, a decoy directory that only the zip64 record names, a second zip64 end record
 * that only java.util.zip follows, comments, truncation). Honest by default; {@link #copy()} and
 * the public fields let the shrinker undo one lie at a time.
 */
public final class ZipForge {
  /** How an entry's data descriptor is written. */
  public enum Descriptor {
    NONE,
    SIGNED,
    UNSIGNED,
    MISSING
  }

  /** Where the zip64 end records are and what the 32-bit end record says. */
  public enum Zip64 {
    NONE,
    SENTINEL,
    ALWAYS,
    DECOY
  }

  /** One entry. */
  public static final class Entry {
    public byte[] name;
    public byte[] content;
    public int method = 8;
    public int level = 6;
    public int flags;
    public int madeBy = 3 << 8 | 20;
    public long external = 0100644L << 16;
    public Long crc;
    public Long descriptorCrc;
    public Long usize;
    public Long csize;
    public Descriptor descriptor = Descriptor.NONE;
    public byte[] localName;
    public Integer localMethod;
    public Long localCrc;
    public byte[] cdExtra = new byte[0];
    public boolean zip64Extra;
    public boolean corruptData;

    public Entry(String name, byte[] content) {
      this.name = name.getBytes(StandardCharsets.UTF_8);
      this.content = content;
    }

    Entry copy() {
      Entry e = new Entry("", content.clone());
      e.name = name.clone();
      e.method = method;
      e.level = level;
      e.flags = flags;
      e.madeBy = madeBy;
      e.external = external;
      e.crc = crc;
      e.descriptorCrc = descriptorCrc;
      e.usize = usize;
      e.csize = csize;
      e.descriptor = descriptor;
      e.localName = localName == null ? null : localName.clone();
      e.localMethod = localMethod;
      e.localCrc = localCrc;
      e.cdExtra = cdExtra.clone();
      e.zip64Extra = zip64Extra;
      e.corruptData = corruptData;
      return e;
    }

    String describe() {
      StringBuilder b = new StringBuilder(new String(name, StandardCharsets.UTF_8));
      b.append(" [").append(content.length).append(" bytes, method ").append(method);
      if (flags != 0) {
        b.append(", flags ").append(flags);
      }
      if (descriptor != Descriptor.NONE) {
        b.append(", descriptor ").append(descriptor);
      }
      if (crc != null) {
        b.append(", crc ").append(crc);
      }
      if (descriptorCrc != null) {
        b.append(", descriptor crc ").append(descriptorCrc);
      }
      if (usize != null) {
        b.append(", usize ").append(usize);
      }
      if (csize != null) {
        b.append(", csize ").append(csize);
      }
      if (localName != null) {
        b.append(", local name ").append(new String(localName, StandardCharsets.UTF_8));
      }
      if (localMethod != null) {
        b.append(", local method ").append(localMethod);
      }
      if (localCrc != null) {
        b.append(", local crc ").append(localCrc);
      }
      if (cdExtra.length > 0) {
        b.append(", extra ").append(HexFormat.of().formatHex(cdExtra));
      }
      if (zip64Extra) {
        b.append(", zip64 extra");
      }
      if (corruptData) {
        b.append(", corrupt data");
      }
      if (madeBy != (3 << 8 | 20) || external != 0100644L << 16) {
        b.append(", madeBy ")
            .append(madeBy)
            .append(", external ")
            .append(Long.toOctalString(external));
      }
      return b.append(']').toString();
    }
  }

  public final List<Entry> entries = new ArrayList<>();
  public final List<Entry> decoys = new ArrayList<>();
  public byte[] prefix = new byte[0];
  public byte[] gap = new byte[0];
  public Integer eocdCount;
  public Long eocdSize;
  public Long eocdOffset;
  public Zip64 zip64 = Zip64.NONE;
  public byte[] comment = new byte[0];
  public int commentLenDelta;
  public int truncate;

  /** Added to the entry counts of the zip64 end record, when one is written. */
  public long zip64CountDelta;

  /**
   * A second zip64 end record, with its locator and an end record of sentinels whose comment runs
   * to the end of the file, written between the zip64 end record and its locator, and one stray
   * byte after the last end record: Go reads the last end record, java.util.zip passes over it
   * (when its offset is a sentinel) and follows this one. Null: none.
   */
  public Shadow shadow;

  /** What the second zip64 end record declares, as differences from the directory's values. */
  public record Shadow(long countDelta, long sizeDelta, long offsetDelta) {}

  /** Whether a zip64 end record counts other entries, or a second one is written. */
  public boolean liesInZip64Records() {
    return zip64 != Zip64.NONE && zip64CountDelta != 0 || shadow != null;
  }

  public ZipForge copy() {
    ZipForge z = new ZipForge();
    entries.forEach(e -> z.entries.add(e.copy()));
    decoys.forEach(e -> z.decoys.add(e.copy()));
    z.prefix = prefix.clone();
    z.gap = gap.clone();
    z.eocdCount = eocdCount;
    z.eocdSize = eocdSize;
    z.eocdOffset = eocdOffset;
    z.zip64 = zip64;
    z.comment = comment.clone();
    z.commentLenDelta = commentLenDelta;
    z.truncate = truncate;
    z.zip64CountDelta = zip64CountDelta;
    z.shadow = shadow;
    return z;
  }

  /** A readable account of every entry and lie, for reproducers. */
  public String describe() {
    StringBuilder b = new StringBuilder();
    entries.forEach(e -> b.append("  entry ").append(e.describe()).append('\n'));
    decoys.forEach(e -> b.append("  decoy ").append(e.describe()).append('\n'));
    if (prefix.length > 0) {
      b.append("  prefix ").append(prefix.length).append(" bytes\n");
    }
    if (gap.length > 0) {
      b.append("  gap ").append(gap.length).append(" bytes before the end records\n");
    }
    if (eocdCount != null || eocdSize != null || eocdOffset != null) {
      b.append("  end record count/size/offset ")
          .append(eocdCount)
          .append('/')
          .append(eocdSize)
          .append('/')
          .append(eocdOffset)
          .append('\n');
    }
    if (zip64 != Zip64.NONE) {
      b.append("  zip64 ").append(zip64).append('\n');
    }
    if (zip64CountDelta != 0) {
      b.append("  zip64 end record count +").append(zip64CountDelta).append('\n');
    }
    if (shadow != null) {
      b.append("  second zip64 end record count/size/offset +")
          .append(shadow.countDelta())
          .append("/+")
          .append(shadow.sizeDelta())
          .append("/+")
          .append(shadow.offsetDelta())
          .append('\n');
    }
    if (comment.length > 0 || commentLenDelta != 0) {
      b.append("  comment ")
          .append(comment.length)
          .append(" bytes, length field +")
          .append(commentLenDelta)
          .append('\n');
    }
    if (truncate > 0) {
      b.append("  cut ").append(truncate).append(" bytes\n");
    }
    return b.toString();
  }

  /** The zip's bytes. */
  public byte[] bytes() {
    Out out = new Out();
    out.bytes(prefix);
    int base = prefix.length;
    long[] offsets = new long[entries.size()];
    long[] decoyOffsets = new long[decoys.size()];
    Written[] written = new Written[entries.size()];
    Written[] decoyWritten = new Written[decoys.size()];
    for (int i = 0; i < entries.size(); i++) {
      offsets[i] = out.size() - base;
      written[i] = local(out, entries.get(i));
    }
    for (int i = 0; i < decoys.size(); i++) {
      decoyOffsets[i] = out.size() - base;
      decoyWritten[i] = local(out, decoys.get(i));
    }
    long decoyStart = out.size() - base;
    if (zip64 == Zip64.DECOY) {
      for (int i = 0; i < decoys.size(); i++) {
        central(out, decoys.get(i), decoyWritten[i], decoyOffsets[i]);
      }
    }
    long decoySize = out.size() - base - decoyStart;
    long cdStart = out.size() - base;
    for (int i = 0; i < entries.size(); i++) {
      central(out, entries.get(i), written[i], offsets[i]);
    }
    long cdSize = out.size() - base - cdStart;
    out.bytes(gap);
    long count = entries.size();
    if (zip64 != Zip64.NONE) {
      long record = out.size() - base;
      boolean decoy = zip64 == Zip64.DECOY;
      out.u32(0x06064b50).u64(44).u16(45).u16(45).u32(0).u32(0);
      long count64 = (decoy ? decoys.size() : count) + zip64CountDelta;
      out.u64(count64).u64(count64);
      out.u64(decoy ? decoySize : cdSize).u64(decoy ? decoyStart : cdStart);
      if (shadow != null) {
        writeShadow(out, base, count, cdSize, cdStart);
      }
      out.u32(0x07064b50).u32(0).u64(record).u32(1);
    }
    boolean sentinel = zip64 == Zip64.SENTINEL;
    out.u32(0x06054b50).u16(0).u16(0);
    int count16 = eocdCount != null ? eocdCount : sentinel ? 0xffff : (int) (count & 0xffff);
    out.u16(count16).u16(count16);
    out.u32(eocdSize != null ? eocdSize : sentinel ? 0xffffffffL : cdSize);
    out.u32(eocdOffset != null ? eocdOffset : sentinel ? 0xffffffffL : cdStart);
    out.u16(comment.length + commentLenDelta).bytes(comment);
    if (shadow != null) {
      out.write(0);
    }
    byte[] all = out.toByteArray();
    return Arrays.copyOf(all, Math.max(0, all.length - truncate));
  }

  private void writeShadow(Out out, int base, long count, long cdSize, long cdStart) {
    long record = out.size() - base;
    long n = count + shadow.countDelta();
    out.u32(0x06064b50).u64(44).u16(45).u16(45).u32(0).u32(0).u64(n).u64(n);
    out.u64(cdSize + shadow.sizeDelta()).u64(cdStart + shadow.offsetDelta());
    out.u32(0x07064b50).u32(0).u64(record).u32(1);
    out.u32(0x06054b50).u16(0).u16(0).u16(0xffff).u16(0xffff);
    out.u32(0xffffffffL).u32(0xffffffffL).u16(20 + 22 + comment.length + 1);
  }

  private record Written(byte[] data, long crc, int flags) {}

  private static Written local(Out out, Entry e) {
    CRC32 c = new CRC32();
    c.update(e.content);
    long crc = e.crc != null ? e.crc : c.getValue();
    byte[] data = e.method == 8 ? deflate(e.content, e.level) : e.content.clone();
    if (e.corruptData && data.length > 0) {
      data[data.length / 2] ^= 0x5a;
    }
    int flags = e.flags | (e.descriptor != Descriptor.NONE ? 8 : 0);
    boolean dd = (flags & 8) != 0;
    long csize = e.csize != null ? e.csize : data.length;
    long usize = e.usize != null ? e.usize : e.content.length;
    byte[] name = e.localName != null ? e.localName : e.name;
    out.u32(0x04034b50).u16(20).u16(flags).u16(e.localMethod != null ? e.localMethod : e.method);
    out.u16(0).u16(0x21);
    out.u32(dd ? 0 : e.localCrc != null ? e.localCrc : crc);
    out.u32(dd ? 0 : csize).u32(dd ? 0 : usize);
    out.u16(name.length).u16(0).bytes(name).bytes(data);
    long dcrc = e.descriptorCrc != null ? e.descriptorCrc : crc;
    switch (e.descriptor) {
      case SIGNED -> out.u32(0x08074b50).u32(dcrc).u32(csize).u32(usize);
      case UNSIGNED -> out.u32(dcrc).u32(csize).u32(usize);
      default -> {}
    }
    return new Written(data, crc, flags);
  }

  private static void central(Out out, Entry e, Written w, long offset) {
    long csize = e.csize != null ? e.csize : w.data().length;
    long usize = e.usize != null ? e.usize : e.content.length;
    byte[] extra = e.cdExtra;
    if (e.zip64Extra) {
      Out z = new Out();
      z.u16(1).u16(24).u64(usize).u64(csize).u64(offset);
      extra = concat(z.toByteArray(), e.cdExtra);
    }
    out.u32(0x02014b50).u16(e.madeBy).u16(20).u16(w.flags()).u16(e.method).u16(0).u16(0x21);
    out.u32(w.crc());
    out.u32(e.zip64Extra ? 0xffffffffL : csize).u32(e.zip64Extra ? 0xffffffffL : usize);
    out.u16(e.name.length).u16(extra.length).u16(0).u16(0).u16(0).u32(e.external);
    out.u32(e.zip64Extra ? 0xffffffffL : offset).bytes(e.name).bytes(extra);
  }

  private static byte[] deflate(byte[] content, int level) {
    Deflater d = new Deflater(level, true);
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

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  /** Little-endian output. */
  private static final class Out extends ByteArrayOutputStream {
    Out u16(int v) {
      write(v);
      write(v >>> 8);
      return this;
    }

    Out u32(long v) {
      u16((int) (v & 0xffff));
      return u16((int) (v >>> 16 & 0xffff));
    }

    Out u64(long v) {
      u32(v & 0xffffffffL);
      return u32(v >>> 32);
    }

    Out bytes(byte[] b) {
      write(b, 0, b.length);
      return this;
    }
  }
}
