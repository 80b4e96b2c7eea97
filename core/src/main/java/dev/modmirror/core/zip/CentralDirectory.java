package dev.modmirror.core.zip;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a zip's end records and central directory from a channel, without trusting any count or
 * offset: every one is checked against the file size before it is used. Memory grows with the
 * number of entries, never with content.
 */
final class CentralDirectory {
  static final int EOCD_SIG = 0x06054b50;
  private static final int EOCD_LEN = 22;
  private static final int ZIP64_LOCATOR_SIG = 0x07064b50;
  private static final int ZIP64_EOCD_SIG = 0x06064b50;
  private static final int CEN_SIG = 0x02014b50;
  private static final int LOC_SIG = 0x04034b50;
  private static final int CEN_LEN = 46;
  private static final int MAX_COMMENT = 0xffff;

  private final FileChannel channel;
  private final long fileSize;
  private final Blame blame;

  /** Where the central directory starts: no entry's data may reach it. */
  long offset;

  private long size;
  private long count;

  CentralDirectory(FileChannel channel, long fileSize, Blame blame) {
    this.channel = channel;
    this.fileSize = fileSize;
    this.blame = blame;
  }

  List<ZipEntryRecord> read() throws IOException {
    long end = readEndRecords();
    if (offset < 0 || size < 0 || offset > fileSize || size > fileSize - offset) {
      throw blame.fail("truncated", "central directory lies beyond the end of the file");
    }
    if (offset + size != end) {
      throw blame.fail("not-a-zip", "central directory does not end where the end record says");
    }
    if (count > size / CEN_LEN) {
      throw blame.fail("not-a-zip", "end record claims more entries than fit the directory");
    }
    return readEntries();
  }

  /** Parses the end record (and its zip64 form); returns where the central directory must end. */
  private long readEndRecords() throws IOException {
    int tailLen = (int) Math.min(fileSize, EOCD_LEN + MAX_COMMENT);
    byte[] tail = readAt(fileSize - tailLen, tailLen);
    int at = -1;
    for (int i = tailLen - EOCD_LEN; i >= 0; i--) {
      if (LittleEndian.u32(tail, i) == EOCD_SIG
          && i + EOCD_LEN + LittleEndian.u16(tail, i + 20) <= tailLen) {
        at = i;
        break;
      }
    }
    if (at < 0) {
      boolean startsLikeZip = fileSize >= 4 && LittleEndian.u32(readAt(0, 4), 0) == LOC_SIG;
      throw blame.fail(
          startsLikeZip ? "truncated" : "not-a-zip",
          startsLikeZip
              ? "the file starts as a zip but has no end of central directory record"
              : "no end of central directory record");
    }
    long eocd = fileSize - tailLen + at;
    if (LittleEndian.u16(tail, at + 4) != 0 || LittleEndian.u16(tail, at + 6) != 0) {
      throw blame.fail("not-a-zip", "multi-disk archives are not module zips");
    }
    count = LittleEndian.u16(tail, at + 10);
    size = LittleEndian.u32(tail, at + 12);
    offset = LittleEndian.u32(tail, at + 16);
    if (eocd >= 20 && LittleEndian.u32(readAt(eocd - 20, 4), 0) == ZIP64_LOCATOR_SIG) {
      return readZip64End(eocd);
    }
    return eocd;
  }

  private long readZip64End(long eocd) throws IOException {
    byte[] locator = readAt(eocd - 20, 20);
    long at = LittleEndian.u64(locator, 8);
    if (at < 0 || at > eocd - 20 - 56) {
      throw blame.fail("not-a-zip", "zip64 end record offset is out of range");
    }
    byte[] rec = readAt(at, 56);
    if (LittleEndian.u32(rec, 0) != ZIP64_EOCD_SIG) {
      throw blame.fail("not-a-zip", "zip64 end record missing");
    }
    count = LittleEndian.u64(rec, 32);
    size = LittleEndian.u64(rec, 40);
    offset = LittleEndian.u64(rec, 48);
    if (count < 0) {
      throw blame.fail("not-a-zip", "zip64 entry count out of range");
    }
    return at;
  }

  private List<ZipEntryRecord> readEntries() throws IOException {
    List<ZipEntryRecord> entries = new ArrayList<>((int) Math.min(count, 1 << 16));
    ChannelReader in = new ChannelReader(channel, offset, size);
    for (long i = 0; i < count; i++) {
      entries.add(readEntry(in));
    }
    if (in.remaining() != 0) {
      throw blame.fail("not-a-zip", "central directory has bytes after its last entry");
    }
    return entries;
  }

  private ZipEntryRecord readEntry(ChannelReader in) throws IOException {
    byte[] h = in.bytes(CEN_LEN, blame);
    if (LittleEndian.u32(h, 0) != CEN_SIG) {
      throw blame.fail("not-a-zip", "bad central directory entry signature");
    }
    byte[] rawName = in.bytes(LittleEndian.u16(h, 28), blame);
    byte[] extra = in.bytes(LittleEndian.u16(h, 30), blame);
    in.bytes(LittleEndian.u16(h, 32), blame);
    String name = EntryNames.decode(rawName, blame);
    long csize = LittleEndian.u32(h, 20);
    long usize = LittleEndian.u32(h, 24);
    long loc = LittleEndian.u32(h, 42);
    long[] wide = Zip64Extra.resolve(extra, usize, csize, loc, blame, name);
    return new ZipEntryRecord(
        name,
        LittleEndian.u16(h, 4),
        LittleEndian.u16(h, 8),
        LittleEndian.u16(h, 10),
        LittleEndian.u32(h, 16),
        wide[1],
        wide[0],
        wide[2],
        LittleEndian.u32(h, 38));
  }

  private byte[] readAt(long position, int len) throws IOException {
    ByteBuffer buf = ByteBuffer.allocate(len);
    while (buf.hasRemaining()) {
      if (channel.read(buf, position + buf.position()) < 0) {
        throw blame.fail("truncated", "file ends at " + (position + buf.position()));
      }
    }
    return buf.array();
  }
}
