package dev.modmirror.core.zip;

/** Little-endian field access for zip headers. */
final class LittleEndian {
  private LittleEndian() {}

  static int u16(byte[] b, int off) {
    return (b[off] & 0xff) | (b[off + 1] & 0xff) << 8;
  }

  static long u32(byte[] b, int off) {
    return (u16(b, off) | (long) u16(b, off + 2) << 16) & 0xffffffffL;
  }

  /** A zip64 field; a value beyond {@code Long.MAX_VALUE} comes back negative and fails checks. */
  static long u64(byte[] b, int off) {
    return u32(b, off) | u32(b, off + 4) << 32;
  }
}
