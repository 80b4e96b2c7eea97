package dev.modmirror.core.sumdb;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** Shared rules of note key names and key hashes (golang.org/x/mod/sumdb/note). */
final class NoteKeys {
  static final byte ALG_ED25519 = 1;

  private NoteKeys() {}

  /** A name is non-empty valid text without spaces and without {@code +}. */
  static boolean isValidName(String name) {
    return !name.isEmpty()
        && !name.contains("+")
        && name.codePoints().noneMatch(NoteKeys::isSpace)
        && name.codePoints().noneMatch(c -> c == 0xFFFD);
  }

  /** Go's unicode.IsSpace. */
  static boolean isSpace(int c) {
    return c == ' '
        || (c >= '\t' && c <= '\r')
        || c == 0x85
        || c == 0xA0
        || Character.isSpaceChar(c);
  }

  /** The first four bytes, big-endian, of SHA-256(name + "\n" + key). */
  static int keyHash(String name, byte[] key) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(name.getBytes(StandardCharsets.UTF_8));
      sha.update((byte) '\n');
      byte[] sum = sha.digest(key);
      return ((sum[0] & 0xff) << 24)
          | ((sum[1] & 0xff) << 16)
          | ((sum[2] & 0xff) << 8)
          | (sum[3] & 0xff);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK always has SHA-256", e);
    }
  }

  static String hex8(int hash) {
    return String.format("%08x", hash);
  }
}
