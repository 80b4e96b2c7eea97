package dev.modmirror.core.sumdb;

import java.util.Arrays;
import java.util.Base64;

/** A 32-byte SHA-256 hash of a log record or tree node; immutable, compared by value. */
public final class TlogHash {
  /** Size of a hash in bytes. */
  public static final int SIZE = 32;

  /** The all-zero hash, defined as the hash of the empty tree. */
  public static final TlogHash ZERO = new TlogHash(new byte[SIZE]);

  private final byte[] bytes;

  private TlogHash(byte[] bytes) {
    this.bytes = bytes;
  }

  /**
   * @throws IllegalArgumentException unless {@code bytes} has exactly 32 bytes
   */
  public static TlogHash of(byte[] bytes) {
    return of(bytes, 0, bytes.length);
  }

  /** The hash in {@code bytes[from, to)}; to - from must be 32. */
  public static TlogHash of(byte[] bytes, int from, int to) {
    if (to - from != SIZE) {
      throw new IllegalArgumentException("hash must have 32 bytes, got " + (to - from));
    }
    return new TlogHash(Arrays.copyOfRange(bytes, from, to));
  }

  /**
   * Parses the base64 form.
   *
   * @throws SumDbException (malformed response) if it is not base64 of 32 bytes
   */
  public static TlogHash parse(String base64) {
    byte[] data = StrictBase64.decode(base64);
    if (data == null || data.length != SIZE) {
      throw new SumDbException(SumDbException.Rule.MALFORMED_RESPONSE, "malformed hash");
    }
    return new TlogHash(data);
  }

  /** A copy of the 32 bytes. */
  public byte[] bytes() {
    return bytes.clone();
  }

  void writeTo(byte[] target, int offset) {
    System.arraycopy(bytes, 0, target, offset, SIZE);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TlogHash other && Arrays.equals(bytes, other.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  /** The base64 form, as in signed tree heads. */
  @Override
  public String toString() {
    return Base64.getEncoder().encodeToString(bytes);
  }
}
