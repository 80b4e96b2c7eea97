package dev.modmirror.core.zip;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Enumeration;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * A zip file on disk, read defensively: the central directory is parsed here (for the external
 * attributes and local header offsets that {@link ZipFile} hides), every local header is
 * cross-checked against it, entries may not overlap, and entry content is streamed with real byte
 * counts and CRCs enforced. {@link #crossCheckWithJdk()} additionally opens the file with {@link
 * ZipFile} and requires it to see the same entries, so that a second, independent parser agrees.
 *
 * <p>Not thread-safe; one entry stream at a time is the intended use, though several work.
 */
public final class ZipArchive implements AutoCloseable {
  // Large compressed entries are read into one direct buffer per archive: no copy through a
  // temporary direct buffer on every channel read.
  private static final int DIRECT_BUFFER = 256 * 1024;
  private final Path path;
  private final FileChannel channel;
  private final Blame blame;
  private final List<ZipEntryRecord> entries;
  private final long[] dataStart;
  private ByteBuffer spare;
  private boolean lent;

  private ZipArchive(
      Path path, FileChannel channel, Blame blame, List<ZipEntryRecord> entries, long[] data) {
    this.path = path;
    this.channel = channel;
    this.blame = blame;
    this.entries = List.copyOf(entries);
    this.dataStart = data;
  }

  /**
   * Opens and structurally checks a zip.
   *
   * @param maxZipFile the largest file size accepted
   * @param module the module path for error reports (may be null)
   * @param version the version for error reports (may be null)
   * @throws ZipRuleException for the archive-structure rules of {@link ZipRule}
   * @throws UncheckedIOException if the file cannot be read
   */
  public static ZipArchive open(Path zip, long maxZipFile, String module, String version) {
    Blame blame = new Blame(module, version);
    FileChannel channel = null;
    try {
      channel = FileChannel.open(zip, StandardOpenOption.READ);
      long size = channel.size();
      if (size > maxZipFile) {
        throw blame.fail(
            ZipRule.ZIP_TOO_LARGE,
            "module zip file is too large (" + size + " bytes; limit is " + maxZipFile + ")");
      }
      CentralDirectory cen = new CentralDirectory(channel, size, blame);
      List<ZipEntryRecord> entries = cen.read();
      long[] data = LocalHeaders.check(channel, entries, cen.offset, size, blame);
      ZipArchive archive = new ZipArchive(zip, channel, blame, entries, data);
      channel = null;
      return archive;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read zip " + zip, e);
    } finally {
      closeQuietly(channel);
    }
  }

  /** The central directory entries, in directory order. */
  public List<ZipEntryRecord> entries() {
    return entries;
  }

  /**
   * Streams the content of entry {@code index} of {@link #entries()}.
   *
   * <p>The stream throws {@link ZipRuleException} ({@code size-mismatch}, {@code crc-mismatch},
   * {@code truncated}, {@code corrupt-entry}) when the content does not match what the directory
   * (and a data descriptor) declares. A directory (a name ending in {@code /}) reads as empty
   * whatever its data, as in Go.
   *
   * @throws ZipRuleException {@code directory-with-content} for a directory that declares a size,
   *     {@code encrypted-entry} or {@code unsupported-method}
   */
  public InputStream open(int index) {
    ZipEntryRecord e = entries.get(index);
    if (e.isDirectoryName()) {
      // archive/zip's File.Open: a directory's data is never read (jar tools deflate empty
      // directories, with any method); one that declares content cannot be read.
      if (e.uncompressedSize() != 0) {
        throw blame.fail(
            ZipRule.DIRECTORY_WITH_CONTENT, "directory entry " + e.name() + " has content");
      }
      return InputStream.nullInputStream();
    }
    if (e.isEncrypted()) {
      throw blame.fail(ZipRule.ENCRYPTED_ENTRY, e.name() + " is encrypted");
    }
    if (e.method() != EntryInputStream.STORED && e.method() != EntryInputStream.DEFLATED) {
      throw blame.fail(
          ZipRule.UNSUPPORTED_METHOD, e.name() + " uses compression method " + e.method());
    }
    return new EntryInputStream(channel, e, dataStart[index], blame, this);
  }

  /** The direct read buffer, or null while a stream holds it (that stream then uses heap). */
  ByteBuffer borrow() {
    if (lent) {
      return null;
    }
    lent = true;
    if (spare == null) {
      spare = ByteBuffer.allocateDirect(DIRECT_BUFFER);
    }
    return spare;
  }

  void giveBack(ByteBuffer buffer) {
    if (buffer == spare) {
      lent = false;
    }
  }

  /**
   * Requires {@link ZipFile} to read the same entry names in the same order.
   *
   * @throws ZipRuleException {@code central-directory-mismatch} if it does not, or cannot open the
   *     file at all
   */
  public void crossCheckWithJdk() {
    try (ZipFile jdk = new ZipFile(path.toFile())) {
      Enumeration<? extends ZipEntry> it = jdk.entries();
      for (ZipEntryRecord mine : entries) {
        if (!it.hasMoreElements() || !it.nextElement().getName().equals(mine.name())) {
          throw blame.fail(
              ZipRule.CENTRAL_DIRECTORY_MISMATCH,
              "java.util.zip reads different entries than we do");
        }
      }
      if (it.hasMoreElements()) {
        throw blame.fail(
            ZipRule.CENTRAL_DIRECTORY_MISMATCH, "java.util.zip reads more entries than we do");
      }
    } catch (ZipException e) {
      throw blame.fail(
          ZipRule.CENTRAL_DIRECTORY_MISMATCH, "java.util.zip rejects the file: " + e.getMessage());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read zip " + path, e);
    }
  }

  @Override
  public void close() {
    closeQuietly(channel);
  }

  private static void closeQuietly(FileChannel channel) {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException ignored) {
        // Read-only channel: nothing was written that closing could lose.
      }
    }
  }
}
