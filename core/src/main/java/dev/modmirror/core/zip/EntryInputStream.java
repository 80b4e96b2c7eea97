package dev.modmirror.core.zip;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * The content of one entry, read from the file and inflated as it is consumed. The declared
 * uncompressed size and CRC are never trusted: real bytes are counted and the stream fails with a
 * {@link ZipRuleException} as soon as they exceed the declared size (so a bomb stops inflating at
 * its declared size + 1), or at the end when they fall short or the CRC differs.
 */
final class EntryInputStream extends InputStream {
  static final int STORED = 0;
  static final int DEFLATED = 8;
  private static final long DESCRIPTOR_SIG = 0x08074b50L;
  private static final int HEAP_INPUT_BUFFER = 64 * 1024;

  private final FileChannel channel;
  private final ZipEntryRecord entry;
  private final Blame blame;
  private final Inflater inflater;
  private final ByteBuffer input;
  private final ZipArchive owner;
  private final CRC32 crc = new CRC32();
  private final long dataEnd;
  private long position;
  private long compressedLeft;
  private long produced;
  private boolean done;
  private boolean inflaterEnded;

  /**
   * @param owner lends its direct input buffer (read from the channel without a copy) when free
   */
  EntryInputStream(
      FileChannel channel, ZipEntryRecord entry, long dataStart, Blame blame, ZipArchive owner) {
    this.channel = channel;
    this.dataEnd = dataStart + entry.compressedSize();
    this.owner = owner;
    this.entry = entry;
    this.blame = blame;
    this.position = dataStart;
    this.compressedLeft = entry.compressedSize();
    this.inflater = entry.method() == DEFLATED ? new Inflater(true) : null;
    ByteBuffer lent =
        inflater != null && compressedLeft > HEAP_INPUT_BUFFER ? owner.borrow() : null;
    this.input =
        lent != null
            ? lent
            : ByteBuffer.allocate((int) Math.min(HEAP_INPUT_BUFFER, Math.max(1, compressedLeft)));
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    return read(one, 0, 1) == -1 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (done) {
      return -1;
    }
    if (len == 0) {
      return 0;
    }
    int n = inflater == null ? readStored(b, off, len) : readDeflated(b, off, len);
    if (n == -1) {
      finish();
      return -1;
    }
    produced += n;
    if (produced > entry.uncompressedSize()) {
      throw blame.fail(
          ZipRule.SIZE_MISMATCH,
          entry.name()
              + " inflates to more than its declared "
              + entry.uncompressedSize()
              + " bytes");
    }
    crc.update(b, off, n);
    return n;
  }

  private int readStored(byte[] b, int off, int len) throws IOException {
    if (compressedLeft == 0) {
      return -1;
    }
    ByteBuffer dst = ByteBuffer.wrap(b, off, (int) Math.min(len, compressedLeft));
    int n = channel.read(dst, position);
    if (n == -1) {
      throw blame.fail(ZipRule.TRUNCATED, "file ends inside " + entry.name());
    }
    position += n;
    compressedLeft -= n;
    return n;
  }

  private int readDeflated(byte[] b, int off, int len) throws IOException {
    try {
      while (true) {
        int n = inflater.inflate(b, off, len);
        if (n > 0) {
          return n;
        }
        if (inflater.finished()) {
          return -1;
        }
        if (inflater.needsDictionary()) {
          throw blame.fail(ZipRule.CORRUPT_ENTRY, entry.name() + " needs a preset dictionary");
        }
        if (inflater.needsInput()) {
          fillInput();
        }
      }
    } catch (DataFormatException e) {
      throw blame.fail(ZipRule.CORRUPT_ENTRY, entry.name() + ": " + e.getMessage());
    }
  }

  private void fillInput() throws IOException {
    if (compressedLeft == 0) {
      throw blame.fail(
          ZipRule.TRUNCATED, "deflate data of " + entry.name() + " ends before its end marker");
    }
    input.clear().limit((int) Math.min(input.capacity(), compressedLeft));
    int n = channel.read(input, position);
    if (n <= 0) {
      throw blame.fail(ZipRule.TRUNCATED, "file ends inside " + entry.name());
    }
    position += n;
    compressedLeft -= n;
    inflater.setInput(input.flip());
  }

  /**
   * archive/zip's checks at the end of an entry: the size; then, with a data descriptor (flag bit
   * 3), the descriptor's CRC and the content's against the directory's; without one, the content's
   * CRC unless the directory's is 0 (Go skips that check).
   */
  private void finish() throws IOException {
    done = true;
    if (produced != entry.uncompressedSize()) {
      throw blame.fail(
          ZipRule.SIZE_MISMATCH,
          entry.name() + " has " + produced + " bytes but declares " + entry.uncompressedSize());
    }
    if (entry.hasDataDescriptor()) {
      checkDescriptor();
    } else if (entry.crc() == 0) {
      return;
    }
    if (crc.getValue() != entry.crc()) {
      throw blame.fail(ZipRule.CRC_MISMATCH, entry.name() + " does not match its declared CRC-32");
    }
  }

  /**
   * archive/zip {@code readDataDescriptor}: an optional signature, then the CRC-32 and sizes (the
   * sizes are not read: the directory's stand). Its 16 bytes are always in the file, since the data
   * ends before the central directory and its end record ({@link LocalHeaders}).
   */
  private void checkDescriptor() throws IOException {
    byte[] d = ChannelReads.readAt(channel, dataEnd, 16, blame);
    int at = LittleEndian.u32(d, 0) == DESCRIPTOR_SIG ? 4 : 0;
    if (LittleEndian.u32(d, at) != entry.crc()) {
      throw blame.fail(
          ZipRule.CRC_MISMATCH, "the data descriptor of " + entry.name() + " has another CRC-32");
    }
  }

  /** Whether this stream reads through its archive's direct buffer (tests check the lending). */
  boolean direct() {
    return input.isDirect();
  }

  @Override
  public void close() {
    if (inflater != null && !inflaterEnded) {
      inflaterEnded = true;
      inflater.end();
      if (input.isDirect()) {
        owner.giveBack(input);
      }
    }
    done = true;
  }
}
