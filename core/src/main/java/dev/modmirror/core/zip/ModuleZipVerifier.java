package dev.modmirror.core.zip;

import dev.modmirror.core.error.InvalidInputException;
import dev.modmirror.core.module.ModulePaths;
import dev.modmirror.core.module.ModuleRef;
import dev.modmirror.core.module.Semver;
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
 * <p>What is read and relied on: the central directory is parsed by {@link ZipArchive} (external
 * attributes, zip64), every local header must agree with it (name, method, and sizes/CRC unless a
 * data descriptor follows), entries may not overlap, and {@link java.util.zip.ZipFile} must list
 * the same entries. Then every file is inflated once, streaming: the real byte count must equal the
 * declared size (reading stops one byte past it, so a bomb never inflates further) and the CRC-32
 * must match. Memory use is independent of content size.
 *
 * <p>Stricter than the go command (go1.19), on purpose, and pinned by {@code ZipHashGoIT}: symlinks
 * and other non-regular entries are rejected (x/mod ignores modes and {@code Unzip} writes them as
 * plain files); directory entries that declare content are rejected (go1.19 hashes them, newer
 * archive/zip fails on them); local headers that disagree with the central directory, overlapping
 * entries, data before the archive (a self-extractor prefix) and archives that java.util.zip reads
 * differently are rejected (archive/zip never looks). Everything the go command rejects is rejected
 * too.
 */
public final class ModuleZipVerifier {
  private static final int BUFFER = 64 * 1024;

  private ModuleZipVerifier() {}

  /** {@link #verify(Path, ModuleRef, ZipLimits)} with the go command's limits. */
  public static ZipSummary verify(Path zip, ModuleRef ref) {
    return verify(zip, ref, ZipLimits.DEFAULT);
  }

  /**
   * Verifies {@code zip} as the module zip of {@code ref}.
   *
   * @return what the zip holds; never null
   * @throws ZipRuleException naming the first rule the zip breaks (rule names: {@link
   *     ZipRuleException})
   * @throws UncheckedIOException if the file cannot be read
   */
  public static ZipSummary verify(Path zip, ModuleRef ref, ZipLimits limits) {
    String module = ref.path().value();
    String version = ref.version().value();
    Blame blame = new Blame(module, version);
    checkModule(module, version, blame);
    try (ZipArchive archive = ZipArchive.open(zip, limits.maxZipFile(), module, version)) {
      EntryRules rules = new EntryRules(module + "@" + version + "/", limits, blame);
      List<ZipEntryRecord> entries = archive.entries();
      boolean[] isFile = new boolean[entries.size()];
      for (int i = 0; i < entries.size(); i++) {
        isFile[i] = rules.check(entries.get(i));
      }
      archive.crossCheckWithJdk();
      long total = 0;
      for (int i = 0; i < entries.size(); i++) {
        if (isFile[i]) {
          total += drain(archive.open(i));
        }
      }
      return new ZipSummary(rules.fileCount, total, rules.hasGoMod, rules.hasLicense);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read zip " + zip, e);
    }
  }

  private static void checkModule(String module, String version, Blame blame) {
    try {
      ModulePaths.checkPath(module);
    } catch (InvalidInputException e) {
      throw blame.fail("invalid-module-path", e.getMessage());
    }
    try {
      Semver.checkCanonical(version);
    } catch (InvalidInputException e) {
      throw blame.fail("non-canonical-version", e.getMessage());
    }
    try {
      ModulePaths.checkPathVersion(module, version);
    } catch (InvalidInputException e) {
      throw blame.fail("major-version-mismatch", e.getMessage());
    }
  }

  private static long drain(InputStream in) throws IOException {
    try (in) {
      byte[] buf = new byte[BUFFER];
      long total = 0;
      for (int n; (n = in.read(buf)) >= 0; ) {
        total += n;
      }
      return total;
    }
  }
}
