package dev.modmirror.core.zip;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Cross-checks each entry's local header against its central directory entry and finds where its
 * data starts. Readers that stream a zip from the front (unzip, some proxies) trust local headers,
 * readers that seek (archive/zip, ZipFile) trust the central directory; an archive on which the two
 * disagree would unpack differently per tool, so it is rejected. Entries whose data overlap (the
 * "overlapping files" zip bomb) are rejected too.
 */
final class LocalHeaders {
  private static final int LOC_SIG = 0x04034b50;
  private static final int LOC_LEN = 30;
  private static final long WIDE = 0xffffffffL;

  private LocalHeaders() {}

  /** Returns, per entry, the file offset of its data. */
  static long[] check(
      FileChannel channel, List<ZipEntryRecord> entries, long cenOffset, Blame blame)
      throws IOException {
    long[] dataStart = new long[entries.size()];
    for (int i = 0; i < entries.size(); i++) {
      dataStart[i] = checkOne(channel, entries.get(i), cenOffset, blame);
    }
    checkNoOverlap(entries, dataStart, cenOffset, blame);
    return dataStart;
  }

  private static long checkOne(FileChannel channel, ZipEntryRecord e, long cenOffset, Blame blame)
      throws IOException {
    long at = e.localHeaderOffset();
    if (at > cenOffset - LOC_LEN) {
      throw blame.fail("not-a-zip", "local header of " + e.name() + " is out of range");
    }
    byte[] h = read(channel, at, LOC_LEN);
    if (LittleEndian.u32(h, 0) != LOC_SIG) {
      throw blame.fail("local-header-mismatch", "no local header where " + e.name() + " points");
    }
    int nameLen = LittleEndian.u16(h, 26);
    int extraLen = LittleEndian.u16(h, 28);
    if (at + LOC_LEN + nameLen > cenOffset) {
      throw blame.fail("not-a-zip", "local header of " + e.name() + " is out of range");
    }
    String localName = EntryNames.decode(read(channel, at + LOC_LEN, nameLen), blame);
    if (!localName.equals(e.name())) {
      throw blame.fail(
          "local-header-mismatch",
          "central directory names " + e.name() + " but the local header names " + localName);
    }
    if (LittleEndian.u16(h, 8) != e.method()) {
      throw blame.fail("local-header-mismatch", "compression methods differ for " + e.name());
    }
    if ((LittleEndian.u16(h, 6) & 8) == 0) {
      checkSizes(h, e, blame);
    }
    long start = at + LOC_LEN + nameLen + extraLen;
    if (e.compressedSize() > cenOffset - start) {
      throw blame.fail(
          "truncated", "data of " + e.name() + " runs past the start of the central directory");
    }
    return start;
  }

  private static void checkSizes(byte[] h, ZipEntryRecord e, Blame blame) {
    long crc = LittleEndian.u32(h, 14);
    long csize = LittleEndian.u32(h, 18);
    long usize = LittleEndian.u32(h, 22);
    boolean sameCsize = csize == WIDE || csize == e.compressedSize();
    boolean sameUsize = usize == WIDE || usize == e.uncompressedSize();
    if (crc != e.crc() || !sameCsize || !sameUsize) {
      throw blame.fail(
          "local-header-mismatch",
          "local header and central directory declare different sizes or CRC for " + e.name());
    }
  }

  private static void checkNoOverlap(
      List<ZipEntryRecord> entries, long[] dataStart, long cenOffset, Blame blame) {
    Integer[] order = new Integer[entries.size()];
    Arrays.setAll(order, i -> i);
    Arrays.sort(order, Comparator.comparingLong(i -> entries.get(i).localHeaderOffset()));
    for (int k = 0; k + 1 < order.length; k++) {
      int i = order[k];
      long end = dataStart[i] + entries.get(i).compressedSize();
      if (end > entries.get(order[k + 1]).localHeaderOffset()) {
        throw blame.fail(
            "overlapping-entries",
            "data of " + entries.get(i).name() + " overlaps " + entries.get(order[k + 1]).name());
      }
    }
  }

  private static byte[] read(FileChannel channel, long position, int len) throws IOException {
    ByteBuffer buf = ByteBuffer.allocate(len);
    while (buf.hasRemaining()) {
      if (channel.read(buf, position + buf.position()) < 0) {
        throw new java.io.EOFException("zip ended at " + (position + buf.position()));
      }
    }
    return buf.array();
  }
}
