package dev.modmirror.core.zip;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Finds where each entry's data starts, as archive/zip's {@code findBodyOffset} does (a readable
 * local header with its signature, for directories too), and applies two deliberate rules on top:
 * each local header must agree with its central directory entry (readers that stream from the front
 * trust local headers, readers that seek trust the directory: an archive on which the two disagree
 * unpacks differently per tool), and no entry's header or data may overlap another's or the central
 * directory (the "overlapping files" zip bomb).
 */
final class LocalHeaders {
  private static final int LOC_SIG = 0x04034b50;
  private static final int LOC_LEN = 30;
  private static final long WIDE = 0xffffffffL;

  private LocalHeaders() {}

  /** Returns, per entry, the file offset of its data. */
  static long[] check(
      FileChannel channel, List<ZipEntryRecord> entries, long cenOffset, long fileSize, Blame blame)
      throws IOException {
    long[] dataStart = new long[entries.size()];
    java.util.Map<String, Integer> last = new java.util.HashMap<>();
    for (int i = 0; i < entries.size(); i++) {
      last.put(entries.get(i).name(), i);
    }
    for (int i = 0; i < entries.size(); i++) {
      boolean opened = last.get(entries.get(i).name()) == i;
      dataStart[i] = checkOne(channel, entries.get(i), fileSize, opened, blame);
    }
    for (int i = 0; i < entries.size(); i++) {
      checkAgreement(channel, entries.get(i), dataStart[i], cenOffset, blame);
    }
    checkNoOverlap(entries, dataStart, blame);
    return dataStart;
  }

  /**
   * @param opened whether Go opens this entry: dirhash opens only the last entry of each name
   */
  private static long checkOne(
      FileChannel channel, ZipEntryRecord e, long fileSize, boolean opened, Blame blame)
      throws IOException {
    long at = e.localHeaderOffset();
    if (at < 0 || at > fileSize - LOC_LEN) {
      throw blame.fail(
          opened ? ZipRule.TRUNCATED : ZipRule.LOCAL_HEADER_MISMATCH,
          "local header of " + e.name() + " is out of range");
    }
    byte[] h = read(channel, at, LOC_LEN, blame);
    if (LittleEndian.u32(h, 0) != LOC_SIG) {
      throw blame.fail(
          opened ? ZipRule.NOT_A_ZIP : ZipRule.LOCAL_HEADER_MISMATCH,
          "no local header where " + e.name() + " points");
    }
    return at + LOC_LEN + LittleEndian.u16(h, 26) + LittleEndian.u16(h, 28);
  }

  private static void checkAgreement(
      FileChannel channel, ZipEntryRecord e, long dataStart, long cenOffset, Blame blame)
      throws IOException {
    long at = e.localHeaderOffset();
    byte[] h = read(channel, at, LOC_LEN, blame);
    int nameLen = LittleEndian.u16(h, 26);
    if (dataStart > cenOffset
        || e.compressedSize() < 0
        || e.compressedSize() > cenOffset - dataStart) {
      throw blame.fail(
          ZipRule.OVERLAPPING_ENTRIES,
          "local header or data of " + e.name() + " runs into the central directory");
    }
    byte[] localName = read(channel, at + LOC_LEN, nameLen, blame);
    if (!Arrays.equals(localName, e.rawName())) {
      throw blame.fail(
          ZipRule.LOCAL_HEADER_MISMATCH, "the local header of " + e.name() + " names another file");
    }
    if (LittleEndian.u16(h, 8) != e.method()) {
      throw blame.fail(ZipRule.LOCAL_HEADER_MISMATCH, "compression methods differ for " + e.name());
    }
    if ((LittleEndian.u16(h, 6) & 8) == 0 && !e.hasDataDescriptor()) {
      long crc = LittleEndian.u32(h, 14);
      long csize = LittleEndian.u32(h, 18);
      long usize = LittleEndian.u32(h, 22);
      boolean sameCsize = csize == WIDE || csize == e.compressedSize();
      boolean sameUsize = usize == WIDE || usize == e.uncompressedSize();
      if (crc != e.crc() || !sameCsize || !sameUsize) {
        throw blame.fail(
            ZipRule.LOCAL_HEADER_MISMATCH,
            "local header and central directory declare different sizes or CRC for " + e.name());
      }
    }
  }

  private static void checkNoOverlap(List<ZipEntryRecord> entries, long[] dataStart, Blame blame) {
    Integer[] order = new Integer[entries.size()];
    Arrays.setAll(order, i -> i);
    Arrays.sort(order, Comparator.comparingLong(i -> entries.get(i).localHeaderOffset()));
    for (int k = 0; k + 1 < order.length; k++) {
      int i = order[k];
      long end = dataStart[i] + entries.get(i).compressedSize();
      if (end > entries.get(order[k + 1]).localHeaderOffset()) {
        throw blame.fail(
            ZipRule.OVERLAPPING_ENTRIES,
            "data of " + entries.get(i).name() + " overlaps " + entries.get(order[k + 1]).name());
      }
    }
  }

  private static byte[] read(FileChannel channel, long position, int len, Blame blame)
      throws IOException {
    return ChannelReads.readAt(channel, position, len, blame);
  }
}
