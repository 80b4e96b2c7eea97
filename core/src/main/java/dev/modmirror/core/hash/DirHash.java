package dev.modmirror.core.hash;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * dirhash Hash1: for each file, sorted by name, the hex SHA-256 of its content, two spaces, its
 * name and a newline; h1 is {@code "h1:" + base64(sha256(all lines))}.
 *
 * <p>FOUNDATION VERSION: streamed and hardened by the protocol work.
 */
public final class DirHash {
  private DirHash() {}

  /** h1 of a module zip, over its entry names ({@code module@version/…}). */
  public static String hashZip(Path zip) {
    try (ZipFile file = new ZipFile(zip.toFile())) {
      TreeMap<String, String> lines = new TreeMap<>();
      List<? extends ZipEntry> entries = new ArrayList<>(file.stream().toList());
      for (ZipEntry e : entries) {
        if (e.isDirectory()) {
          continue;
        }
        MessageDigest sha = sha256();
        try (var in = file.getInputStream(e)) {
          byte[] buf = new byte[65536];
          for (int n; (n = in.read(buf)) > 0; ) {
            sha.update(buf, 0, n);
          }
        }
        lines.put(e.getName(), HexFormat.of().formatHex(sha.digest()));
      }
      return summarize(lines);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** h1 of a go.mod file's exact bytes, hashed under the name {@code go.mod}. */
  public static String hashGoMod(byte[] content) {
    TreeMap<String, String> lines = new TreeMap<>();
    lines.put("go.mod", HexFormat.of().formatHex(sha256().digest(content)));
    return summarize(lines);
  }

  private static String summarize(TreeMap<String, String> lines) {
    MessageDigest sha = sha256();
    lines.forEach(
        (name, hex) -> sha.update((hex + "  " + name + "\n").getBytes(StandardCharsets.UTF_8)));
    return "h1:" + Base64.getEncoder().encodeToString(sha.digest());
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK always has SHA-256", e);
    }
  }
}
