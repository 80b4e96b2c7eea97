package dev.modmirror.core.zip;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a zip's end records and central directory as Go's archive/zip {@code Reader.init} does: the
 * end record is the last signature in the file's final 65 KiB; the zip64 end record is followed
 * only when a 32-bit field holds its sentinel; directory headers are read one after another until
 * one does not parse, and their number must equal the end record's modulo 65,536 (so more than
 * 65,535 entries without zip64 records read as in Go). On top of Go, one deliberate rule: the
 * directory must end exactly where the end record (or zip64 end record) starts, so no prefix, gap
 * or trailing bytes can hide data. And, for the second parser ({@link
 * ZipArchive#crossCheckWithJdk}), every zip64 end record that a locator names must describe this
 * directory exactly (entry count, size, offset): Go compares counts modulo 65,536 only, while
 * java.util.zip (17) sizes its tables from the count of the zip64 record it follows (about 14 bytes
 * per declared entry, so 268 million declared entries in a 389-byte file ran the fuzzer out of
 * memory) and its directory buffer from the size ({@code new byte[(int) (size + 22)]}, checked only
 * against being larger than the record's position, so a size of 2^63 or more passes as negative: a
 * negative array size, or a read past the end of the file), and may follow another end record than
 * Go. No count or offset is trusted before it is checked against the file size; memory grows with
 * the number of entries, never with content.
 */
final class CentralDirectory {
  private static final int EOCD_SIG = 0x06054b50;
  private static final int EOCD_LEN = 22;

  /** The low byte of {@link #EOCD_SIG}: its first byte in the file ('P'). */
  private static final byte EOCD_FIRST_BYTE = (byte) EOCD_SIG;

  private static final int SEARCH_WINDOW = 65 * 1024;
  private static final int ZIP64_LOCATOR_SIG = 0x07064b50;
  private static final int ZIP64_LOCATOR_LEN = 20;
  private static final int ZIP64_EOCD_SIG = 0x06064b50;
  private static final int ZIP64_EOCD_LEN = 56;
  private static final int CEN_SIG = 0x02014b50;
  private static final int CEN_LEN = 46;
  private static final long WIDE = 0xffffffffL;

  /** What {@link #readEntry} returns where Go stops reading directory headers. */
  private static final long STOP = -1;

  private final FileChannel channel;
  private final long fileSize;
  private final Blame blame;

  /** Where the central directory starts: no entry's data may reach it. */
  long offset;

  private long size;
  private long records;
  private long end;
  private long eocd;
  private long zip64Record = -1;

  /** The file's last bytes, where end records are searched, and where they start in the file. */
  private byte[] tail;

  private long tailStart;

  CentralDirectory(FileChannel channel, long fileSize, Blame blame) {
    this.channel = channel;
    this.fileSize = fileSize;
    this.blame = blame;
  }

  List<ZipEntryRecord> read() throws IOException {
    readEndRecords();
    if (size < 0 || offset < 0) {
      throw blame.fail(ZipRule.NOT_A_ZIP, "directory size or offset out of range");
    }
    long base = end - size - offset;
    // archive/zip also refuses base + offset >= file size, which cannot happen: end lies inside
    // the file and size is not negative.
    if (base + offset < 0) {
      throw blame.fail(ZipRule.NOT_A_ZIP, "central directory offset out of range");
    }
    // archive/zip's repair of a wrong base: a valid header at the stated offset wins.
    if (base > 0 && headerAt(offset)) {
      base = 0;
    }
    long dirEnd = offset + size;
    if (base != 0 || (dirEnd != eocd && dirEnd != zip64Record)) {
      throw blame.fail(
          ZipRule.MISPLACED_DIRECTORY,
          "central directory does not end where the end records start (prefix or gap)");
    }
    List<ZipEntryRecord> entries = new ArrayList<>();
    long at = offset;
    for (long next; (next = readEntry(at, entries)) != STOP; ) {
      at = next;
    }
    if ((entries.size() & 0xffff) != (records & 0xffff)) {
      throw blame.fail(
          ZipRule.NOT_A_ZIP,
          "end record counts " + records + " entries, the directory holds " + entries.size());
    }
    if (at != offset + size) {
      throw blame.fail(
          ZipRule.MISPLACED_DIRECTORY, "central directory size differs from its entries' size");
    }
    checkZip64Records(entries.size());
    return entries;
  }

  /** archive/zip {@code readDirectoryEnd}: sets records, size, offset and end. */
  private void readEndRecords() throws IOException {
    int window = (int) Math.min(fileSize, SEARCH_WINDOW);
    tailStart = fileSize - window;
    tail = readAt(tailStart, window);
    int at = -1;
    for (int i = window - EOCD_LEN; i >= 0; i--) {
      if (LittleEndian.u32(tail, i) == EOCD_SIG) {
        at = i;
        break;
      }
    }
    if (at < 0 || at + EOCD_LEN + LittleEndian.u16(tail, at + 20) > window) {
      throw blame.fail(ZipRule.NOT_A_ZIP, "no end of central directory record");
    }
    eocd = tailStart + at;
    end = eocd;
    zip64Record = zip64RecordBefore(eocd);
    records = LittleEndian.u16(tail, at + 10);
    size = LittleEndian.u32(tail, at + 12);
    offset = LittleEndian.u32(tail, at + 16);
    // Go's sentinel test, including its 16-bit comparison of the 32-bit size field.
    if (records == 0xffff || size == 0xffff || offset == WIDE) {
      readZip64End();
    }
  }

  /** archive/zip {@code findDirectory64End} then {@code readDirectory64End}. */
  private void readZip64End() throws IOException {
    long at = zip64Locator(eocd);
    if (at < 0) {
      return;
    }
    if (at > fileSize - ZIP64_EOCD_LEN) {
      throw blame.fail(ZipRule.TRUNCATED, "zip64 end record lies beyond the end of the file");
    }
    byte[] rec = readAt(at, ZIP64_EOCD_LEN);
    if (LittleEndian.u32(rec, 0) != ZIP64_EOCD_SIG) {
      throw blame.fail(ZipRule.NOT_A_ZIP, "no zip64 end record where the locator points");
    }
    end = at;
    records = LittleEndian.u64(rec, 32);
    size = LittleEndian.u64(rec, 40);
    offset = LittleEndian.u64(rec, 48);
  }

  /**
   * Deliberate: the zip64 end record behind every end-record signature of the tail (not only the
   * one Go follows, and whatever the locator's disk numbers, as java.util.zip reads them) counts
   * {@code held} entries and places the directory where it is, with its size.
   */
  private void checkZip64Records(int held) throws IOException {
    for (int i = 0; i <= tail.length - EOCD_LEN; i++) {
      // Every zip is scanned over its last 65 KiB: one byte compare rejects nearly every offset.
      if (tail[i] != EOCD_FIRST_BYTE) {
        continue;
      }
      long locator = tailStart + i - ZIP64_LOCATOR_LEN;
      if (LittleEndian.u32(tail, i) != EOCD_SIG || locator < 0) {
        continue;
      }
      byte[] loc = readAt(locator, ZIP64_LOCATOR_LEN);
      long record = LittleEndian.u64(loc, 8);
      if (LittleEndian.u32(loc, 0) == ZIP64_LOCATOR_SIG
          && record >= 0
          && record <= fileSize - ZIP64_EOCD_LEN) {
        checkZip64Record(readAt(record, ZIP64_EOCD_LEN), held);
      }
    }
  }

  private void checkZip64Record(byte[] rec, int held) {
    if (LittleEndian.u32(rec, 0) != ZIP64_EOCD_SIG) {
      return;
    }
    long declared = LittleEndian.u64(rec, 32);
    if (declared != held) {
      throw blame.fail(
          ZipRule.CENTRAL_DIRECTORY_MISMATCH,
          "zip64 end record counts "
              + Long.toUnsignedString(declared)
              + " entries, the directory holds "
              + held);
    }
    long declaredSize = LittleEndian.u64(rec, 40);
    long declaredOffset = LittleEndian.u64(rec, 48);
    if (declaredSize != size || declaredOffset != offset) {
      throw blame.fail(
          ZipRule.CENTRAL_DIRECTORY_MISMATCH,
          "zip64 end record places the directory at offset "
              + Long.toUnsignedString(declaredOffset)
              + " with "
              + Long.toUnsignedString(declaredSize)
              + " bytes, it is at offset "
              + offset
              + " with "
              + size
              + " bytes");
    }
  }

  /** Where a valid zip64 locator before the end record points, or -1 (Go ignores it then). */
  private long zip64Locator(long eocd) throws IOException {
    long locator = eocd - ZIP64_LOCATOR_LEN;
    if (locator < 0) {
      return -1;
    }
    byte[] loc = readAt(locator, ZIP64_LOCATOR_LEN);
    if (LittleEndian.u32(loc, 0) != ZIP64_LOCATOR_SIG
        || LittleEndian.u32(loc, 4) != 0
        || LittleEndian.u32(loc, 16) != 1) {
      return -1;
    }
    return LittleEndian.u64(loc, 8);
  }

  /**
   * The start of a zip64 end record that a valid locator names, whether or not Go follows it:
   * writers that always emit zip64 records put the directory right before it.
   */
  private long zip64RecordBefore(long eocd) throws IOException {
    long at = zip64Locator(eocd);
    if (at < 0 || at > fileSize - ZIP64_EOCD_LEN) {
      return -1;
    }
    return LittleEndian.u32(readAt(at, 4), 0) == ZIP64_EOCD_SIG ? at : -1;
  }

  /** Whether a directory header parses at {@code at} (archive/zip's base-offset repair). */
  private boolean headerAt(long at) throws IOException {
    try {
      return readEntry(at, new ArrayList<>()) != STOP;
    } catch (ZipRuleException e) {
      // A name that is not UTF-8 still parses as a header in Go; other failures do not.
      return e.rule() == ZipRule.INVALID_FILE_PATH;
    }
  }

  /**
   * archive/zip {@code readDirectoryHeader} at {@code at}: adds the entry and returns where the
   * next starts, or {@link #STOP} where Go stops reading (bad signature, a header cut short, a
   * missing zip64 field).
   */
  private long readEntry(long at, List<ZipEntryRecord> entries) throws IOException {
    long left = fileSize - at;
    if (left == 0) {
      throw blame.fail(ZipRule.NOT_A_ZIP, "the file ends where a directory header should start");
    }
    if (left < CEN_LEN) {
      return STOP;
    }
    byte[] h = readAt(at, CEN_LEN);
    if (LittleEndian.u32(h, 0) != CEN_SIG) {
      return STOP;
    }
    int nameLen = LittleEndian.u16(h, 28);
    int extraLen = LittleEndian.u16(h, 30);
    int varLen = nameLen + extraLen + LittleEndian.u16(h, 32);
    left -= CEN_LEN;
    if (varLen > 0 && left == 0) {
      throw blame.fail(ZipRule.NOT_A_ZIP, "the file ends inside a directory header");
    }
    if (left < varLen) {
      return STOP;
    }
    byte[] var = readAt(at + CEN_LEN, varLen);
    long[] wide =
        zip64(
            var,
            nameLen,
            extraLen,
            LittleEndian.u32(h, 24),
            LittleEndian.u32(h, 20),
            LittleEndian.u32(h, 42));
    if (wide == null) {
      return STOP;
    }
    byte[] rawName = java.util.Arrays.copyOf(var, nameLen);
    entries.add(
        new ZipEntryRecord(
            EntryNames.decode(rawName, blame),
            LittleEndian.u16(h, 4),
            LittleEndian.u16(h, 8),
            LittleEndian.u16(h, 10),
            LittleEndian.u32(h, 16),
            wide[1],
            wide[0],
            wide[2],
            LittleEndian.u32(h, 38)));
    return at + CEN_LEN + varLen;
  }

  /**
   * {uncompressed, compressed, local header offset}, widened from the first zip64 extra field for
   * each 32-bit value that holds the sentinel; null where archive/zip reports a format error.
   */
  private static long[] zip64(byte[] var, int nameLen, int extraLen, long u, long c, long loc) {
    boolean needU = u == WIDE;
    boolean needC = c == WIDE;
    boolean needLoc = loc == WIDE;
    long[] out = {u, c, loc};
    int i = nameLen;
    int limit = nameLen + extraLen;
    while (limit - i >= 4) {
      int id = LittleEndian.u16(var, i);
      int len = LittleEndian.u16(var, i + 2);
      i += 4;
      if (limit - i < len) {
        break;
      }
      if (id == 1) {
        int at = i;
        boolean[] need = {needU, needC, needLoc};
        for (int k = 0; k < 3; k++) {
          if (need[k]) {
            if (i + len - at < 8) {
              return null;
            }
            out[k] = LittleEndian.u64(var, at);
            at += 8;
          }
        }
        needU = false;
        needC = false;
        needLoc = false;
      }
      i += len;
    }
    // A lone 0xffffffff uncompressed size stands (archive/zip keeps 42.zip readable).
    return needC || needLoc ? null : out;
  }

  private byte[] readAt(long position, int len) throws IOException {
    return ChannelReads.readAt(channel, position, len, blame);
  }
}
