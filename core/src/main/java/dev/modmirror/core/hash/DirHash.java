package dev.modmirror.core.hash;

import dev.modmirror.core.error.InvalidInputException;
import dev.modmirror.core.module.ModuleLimits;
import dev.modmirror.core.module.ModuleRef;
import dev.modmirror.core.zip.ModuleZipVerifier;
import dev.modmirror.core.zip.ZipArchive;
import dev.modmirror.core.zip.ZipEntryRecord;
import dev.modmirror.core.zip.ZipRuleException;
import dev.modmirror.core.zip.ZipSummary;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * dirhash Hash1 ({@code h1:}), streamed: for each file, sorted by the UTF-8 bytes of its name (Go's
 * {@code sort.Strings}), the line {@code hex(sha256(content)) + " " + name + "\n"}; h1 is {@code
 * "h1:" + base64(sha256(all lines))}. Content is never held in memory.
 */
public final class DirHash {
  private static final int BUFFER = 256 * 1024;

  private DirHash() {}

  /** Opens one file's content; called once per file, in hashing order. */
  @FunctionalInterface
  public interface Content {
    InputStream open() throws IOException;
  }

  /**
   * h1 of a module zip as {@code go mod download} records it ({@code Sum}): over every entry,
   * directories included, under its full name ({@code module@version/…}). Entry contents are
   * checked against their declared sizes and CRCs while hashed. When a name occurs twice the last
   * entry's content counts for both, as in dirhash {@code HashZip}.
   *
   * @throws ZipRuleException if the zip is unreadable as a zip or an entry's content does not match
   *     its header
   * @throws InvalidInputException if a name contains a newline (dirhash refuses those)
   * @throws UncheckedIOException if the file cannot be read
   */
  public static String hashZip(Path zip) {
    try (ZipArchive archive = ZipArchive.open(zip, ModuleLimits.MAX_ZIP_FILE, null, null)) {
      List<ZipEntryRecord> entries = archive.entries();
      Map<String, Integer> last = new HashMap<>();
      for (int i = 0; i < entries.size(); i++) {
        last.put(entries.get(i).name(), i);
      }
      TreeMap<String, Integer> counts = new TreeMap<>(DirHash::compareUtf8);
      entries.forEach(e -> counts.merge(e.name(), 1, Integer::sum));
      MessageDigest summary = sha256();
      byte[] buf = new byte[BUFFER];
      for (Map.Entry<String, Integer> name : counts.entrySet()) {
        int index = last.get(name.getKey());
        for (int k = 0; k < name.getValue(); k++) {
          addLine(summary, name.getKey(), () -> archive.open(index), buf);
        }
      }
      return finish(summary);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read zip " + zip, e);
    }
  }

  /**
   * Verifies a module zip ({@link ModuleZipVerifier}) and computes its h1 in the same read: one
   * pass per zip. Every entry of a verified zip has a distinct, newline-free name, so the h1 is the
   * one {@link #hashZip} computes.
   *
   * @throws ZipRuleException naming the first zip rule broken
   * @throws UncheckedIOException if the file cannot be read
   */
  public static VerifiedZip verifyZip(Path zip, ModuleRef ref, ModuleLimits limits) {
    TreeMap<String, List<byte[]>> digests = new TreeMap<>(DirHash::compareUtf8);
    byte[] buf = new byte[BUFFER];
    ZipSummary summary =
        ModuleZipVerifier.verify(
            zip,
            ref,
            limits,
            (name, content) -> {
              MessageDigest file = sha256();
              for (int n; (n = content.read(buf)) != -1; ) {
                file.update(buf, 0, n);
              }
              digests.computeIfAbsent(name, k -> new ArrayList<>()).add(file.digest());
            });
    MessageDigest all = sha256();
    digests.forEach((name, list) -> list.forEach(d -> addLine(all, name, d)));
    return new VerifiedZip(summary, finish(all));
  }

  /** h1 of a go.mod as {@code GoModSum}: its exact bytes under the single name {@code go.mod}. */
  public static String hashGoMod(InputStream content) {
    return hashFiles(Map.of("go.mod", () -> content));
  }

  /** {@link #hashGoMod(InputStream)} over bytes already in memory. */
  public static String hashGoMod(byte[] content) {
    return hashGoMod(new ByteArrayInputStream(content));
  }

  /**
   * Hash1 over named contents. The map's own order is ignored: names are sorted by UTF-8 bytes.
   *
   * @throws InvalidInputException if a name contains a newline
   * @throws UncheckedIOException if a content cannot be read
   */
  public static String hashFiles(Map<String, Content> files) {
    TreeMap<String, Content> sorted = new TreeMap<>(DirHash::compareUtf8);
    sorted.putAll(files);
    MessageDigest summary = sha256();
    byte[] buf = new byte[BUFFER];
    try {
      for (Map.Entry<String, Content> file : sorted.entrySet()) {
        addLine(summary, file.getKey(), file.getValue(), buf);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return finish(summary);
  }

  private static void addLine(MessageDigest summary, String name, Content content, byte[] buf)
      throws IOException {
    // Go's Hash1 refuses the name before it opens the file.
    checkName(name);
    MessageDigest file = sha256();
    try (InputStream in = content.open()) {
      for (int n; (n = in.read(buf)) != -1; ) {
        file.update(buf, 0, n);
      }
    }
    addLine(summary, name, file.digest());
  }

  private static void checkName(String name) {
    if (name.indexOf('\n') != -1) {
      throw new InvalidInputException(
          "dirhash: filenames with newlines are not supported: " + name);
    }
  }

  /**
   * The one owner of the Hash1 line format. The name is newline-free: checked by the caller that
   * opens the file, or a verified zip entry's (the file path rules refuse control characters).
   */
  private static void addLine(MessageDigest summary, String name, byte[] sha256) {
    String line = HexFormat.of().formatHex(sha256) + "  " + name + "\n";
    summary.update(line.getBytes(StandardCharsets.UTF_8));
  }

  private static String finish(MessageDigest summary) {
    return "h1:" + Base64.getEncoder().encodeToString(summary.digest());
  }

  /** Go compares strings as UTF-8 bytes; UTF-16 order differs above U+FFFF. */
  static int compareUtf8(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      int ca = a.codePointAt(i);
      int cb = b.codePointAt(j);
      if (ca != cb) {
        return Integer.compare(ca, cb); // code point order equals UTF-8 byte order
      }
      i += Character.charCount(ca);
      j += Character.charCount(cb);
    }
    return Integer.compare(a.length() - i, b.length() - j);
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK always has SHA-256", e);
    }
  }
}
