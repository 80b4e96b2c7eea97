package dev.modmirror.core.zip;

import dev.modmirror.core.error.InvalidInputException;
import dev.modmirror.core.module.ModuleLimits;
import dev.modmirror.core.module.ModulePaths;
import dev.modmirror.core.module.ModuleRef;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Checks a module zip on disk against the module zip rules of golang.org/x/mod/zip ({@code
 * CheckZip} followed by what {@code Unzip} enforces while extracting), before anything of it is
 * stored.
 *
 * <p>The archive is read as Go's archive/zip reads it ({@link ZipArchive}: end records, zip64
 * sentinels, entry counts modulo 65,536, data descriptors, CRC 0 meaning unchecked), then the
 * per-entry rules of x/mod {@code checkZip} apply ({@link EntryRules}), then every entry is read
 * once, streaming: the real byte count must equal the declared size (reading stops one byte past
 * it, so a bomb never inflates further) and the CRC-32 must match. A caller's {@link EntrySink}
 * sees the same bytes, so hashing needs no second read. Memory use is independent of content size.
 *
 * <p>Where this is deliberately stricter than the go command, the refusal carries a {@link ZipRule}
 * whose {@link ZipRule#stricterThanGo()} is true; docs/verification.md lists those rules and why.
 * Everything the go command refuses is refused too; the Go oracle's differential fuzzing holds both
 * directions.
 */
public final class ModuleZipVerifier {
  private static final int BUFFER = 64 * 1024;

  private ModuleZipVerifier() {}

  /**
   * Receives every entry's content while it is verified (directories too, with empty content), in
   * central directory order, so that a caller can hash in the same read (one pass per zip).
   */
  @FunctionalInterface
  public interface EntrySink {
    /** Reads {@code content} to its end (or not); the verifier drains what is left. */
    void accept(String name, InputStream content) throws IOException;
  }

  /** {@link #verify(Path, ModuleRef, ModuleLimits)} with the go command's limits. */
  public static ZipSummary verify(Path zip, ModuleRef ref) {
    return verify(zip, ref, ModuleLimits.DEFAULT);
  }

  /** {@link #verify(Path, ModuleRef, ModuleLimits, EntrySink)} without a sink. */
  public static ZipSummary verify(Path zip, ModuleRef ref, ModuleLimits limits) {
    return verify(zip, ref, limits, (name, content) -> {});
  }

  /**
   * Verifies {@code zip} as the module zip of {@code ref}, reading every entry once.
   *
   * @param sink sees each entry's content as it is read; its exceptions propagate
   * @return what the zip holds; never null
   * @throws ZipRuleException naming the first rule the zip breaks
   * @throws UncheckedIOException if the file cannot be read
   */
  public static ZipSummary verify(Path zip, ModuleRef ref, ModuleLimits limits, EntrySink sink) {
    String module = ref.path().value();
    String version = ref.version().value();
    Blame blame = new Blame(module, version);
    checkModule(module, version, blame);
    try (ZipArchive archive = ZipArchive.open(zip, limits.maxZipFile(), module, version)) {
      EntryRules rules = new EntryRules(module + "@" + version + "/", limits, blame);
      List<ZipEntryRecord> entries = archive.entries();
      java.util.Map<String, Integer> last = new java.util.HashMap<>();
      for (int i = 0; i < entries.size(); i++) {
        last.put(entries.get(i).name(), i);
      }
      boolean[] isFile = new boolean[entries.size()];
      for (int i = 0; i < entries.size(); i++) {
        isFile[i] = rules.check(entries.get(i), last.get(entries.get(i).name()) == i);
      }
      archive.crossCheckWithJdk();
      long total = 0;
      for (int i = 0; i < entries.size(); i++) {
        InputStream content = isFile[i] ? archive.open(i) : InputStream.nullInputStream();
        total += read(entries.get(i).name(), content, sink);
      }
      return new ZipSummary(rules.fileCount, total, rules.hasGoMod, rules.hasLicense);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read zip " + zip, e);
    }
  }

  /** The path and the version are each valid ({@link ModuleRef} checks them), but together? */
  private static void checkModule(String module, String version, Blame blame) {
    try {
      ModulePaths.checkPathVersion(module, version);
    } catch (InvalidInputException e) {
      throw blame.fail(ZipRule.MAJOR_VERSION_MISMATCH, e.getMessage());
    }
  }

  /** Lets the sink read, then drains the rest so that size and CRC are always checked. */
  private static long read(String name, InputStream content, EntrySink sink) throws IOException {
    CountingStream counted = new CountingStream(content);
    try (counted) {
      sink.accept(name, counted);
      byte[] buf = new byte[BUFFER];
      while (counted.read(buf) != -1) {
        // Drained: the count and the checks at the end are what matter.
      }
      return counted.count;
    }
  }

  private static final class CountingStream extends java.io.FilterInputStream {
    private long count;

    CountingStream(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      count += b < 0 ? 0 : 1;
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      count += Math.max(n, 0);
      return n;
    }
  }
}
