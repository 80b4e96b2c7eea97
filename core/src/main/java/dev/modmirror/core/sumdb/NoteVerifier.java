package dev.modmirror.core.sumdb;

import dev.modmirror.core.sumdb.SumDbException.Rule;
import java.security.PublicKey;
import java.util.Arrays;

/**
 * A note verifier key {@code name+hash+base64(0x01 + 32-byte Ed25519 public key)}, where hash is
 * the 8 hex digits of {@link NoteKeys#keyHash}. Immutable.
 */
public final class NoteVerifier {
  private final String name;
  private final int keyHash;
  private final String text;
  private final PublicKey key;

  private NoteVerifier(String name, int keyHash, String text, PublicKey key) {
    this.name = name;
    this.keyHash = keyHash;
    this.text = text;
    this.key = key;
  }

  /**
   * Parses a verifier key.
   *
   * @throws SumDbException (malformed key) if the form, the algorithm, the key length or the key
   *     hash is wrong
   */
  public static NoteVerifier parse(String vkey) {
    String[] parts = vkey == null ? new String[0] : vkey.split("\\+", 3);
    if (parts.length != 3 || !NoteKeys.isValidName(parts[0]) || !isHex8(parts[1])) {
      throw new SumDbException(Rule.MALFORMED_KEY, "malformed verifier id: " + vkey);
    }
    byte[] key = StrictBase64.decode(parts[2]);
    if (key == null || key.length == 0) {
      throw new SumDbException(Rule.MALFORMED_KEY, "malformed verifier id: " + vkey);
    }
    int hash = Integer.parseUnsignedInt(parts[1], 16);
    if (hash != NoteKeys.keyHash(parts[0], key)) {
      throw new SumDbException(Rule.MALFORMED_KEY, "invalid verifier hash: " + vkey);
    }
    if (key[0] != NoteKeys.ALG_ED25519) {
      throw new SumDbException(Rule.MALFORMED_KEY, "unknown verifier algorithm: " + vkey);
    }
    if (key.length != 33) {
      throw new SumDbException(Rule.MALFORMED_KEY, "malformed verifier id: " + vkey);
    }
    return new NoteVerifier(
        parts[0], hash, vkey, Ed25519.publicKey(Arrays.copyOfRange(key, 1, key.length)));
  }

  private static boolean isHex8(String s) {
    return s.length() == 8 && s.chars().allMatch(c -> Character.digit(c, 16) >= 0 && c < 128);
  }

  /** The key's name, such as {@code sum.golang.org}. */
  public String name() {
    return name;
  }

  /** The 32-bit key hash that signature lines carry. */
  public int keyHash() {
    return keyHash;
  }

  /** True if {@code sig} is this key's Ed25519 signature of {@code msg}. */
  public boolean verify(byte[] msg, byte[] sig) {
    return Ed25519.verify(key, msg, sig);
  }

  /** The key in its {@code name+hash+key} text form. */
  @Override
  public String toString() {
    return text;
  }
}
