package dev.modmirror.core.sumdb;

import dev.modmirror.core.sumdb.SumDbException.Rule;
import java.security.PrivateKey;
import java.util.Base64;

/**
 * An Ed25519 note signer: what a checksum database (and our test double of one) signs tree heads
 * with. Built from a fresh key or from a raw seed and public key.
 */
public final class NoteSigner {
  private final String name;
  private final int keyHash;
  private final PrivateKey key;
  private final String verifierKey;

  private NoteSigner(String name, byte[] seed, byte[] publicKey) {
    this.name = name;
    byte[] algKey = withAlg(publicKey);
    this.keyHash = NoteKeys.keyHash(name, algKey);
    this.key = Ed25519.privateKey(seed);
    this.verifierKey =
        name + "+" + NoteKeys.hex8(keyHash) + "+" + Base64.getEncoder().encodeToString(algKey);
  }

  /**
   * A signer with a freshly generated key.
   *
   * @throws SumDbException (malformed key) if the name is not a valid key name
   */
  public static NoteSigner generate(String name) {
    if (!NoteKeys.isValidName(name)) {
      throw new SumDbException(Rule.MALFORMED_KEY, "invalid key name: " + name);
    }
    byte[][] pair = Ed25519.generate();
    return new NoteSigner(name, pair[0], pair[1]);
  }

  /**
   * A signer over an existing key pair, given as the raw 32-byte Ed25519 seed and public key (the
   * JDK cannot derive one from the other through its public API).
   *
   * @throws SumDbException (malformed key) if the name or a key length is invalid
   */
  public static NoteSigner of(String name, byte[] seed, byte[] publicKey) {
    if (!NoteKeys.isValidName(name) || seed.length != 32 || publicKey.length != 32) {
      throw new SumDbException(Rule.MALFORMED_KEY, "invalid signer key for " + name);
    }
    return new NoteSigner(name, seed.clone(), publicKey.clone());
  }

  private static byte[] withAlg(byte[] publicKey) {
    byte[] out = new byte[33];
    out[0] = NoteKeys.ALG_ED25519;
    System.arraycopy(publicKey, 0, out, 1, 32);
    return out;
  }

  public String name() {
    return name;
  }

  public int keyHash() {
    return keyHash;
  }

  /** The verifier key {@code name+hash+key} that checks this signer's notes. */
  public String verifierKey() {
    return verifierKey;
  }

  /** The raw 64-byte Ed25519 signature of {@code msg}. */
  public byte[] sign(byte[] msg) {
    return Ed25519.sign(key, msg);
  }
}
