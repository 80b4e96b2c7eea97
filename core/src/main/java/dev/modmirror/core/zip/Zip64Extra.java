package dev.modmirror.core.zip;

/** Resolves the 32-bit size and offset fields that a zip64 extra field (id 1) widens. */
final class Zip64Extra {
  private static final long WIDE = 0xffffffffL;
  private static final int ZIP64_ID = 1;

  private Zip64Extra() {}

  /**
   * Returns {uncompressed, compressed, local header offset}; the zip64 field holds, in that order,
   * only the values whose 32-bit field is {@code 0xffffffff}.
   */
  static long[] resolve(byte[] extra, long usize, long csize, long loc, Blame blame, String name) {
    long[] out = {usize, csize, loc};
    if (usize != WIDE && csize != WIDE && loc != WIDE) {
      return out;
    }
    for (int i = 0; i + 4 <= extra.length; ) {
      int id = LittleEndian.u16(extra, i);
      int len = LittleEndian.u16(extra, i + 2);
      int data = i + 4;
      if (data + len > extra.length) {
        break;
      }
      if (id == ZIP64_ID) {
        int at = data;
        for (int k = 0; k < 3; k++) {
          if (out[k] == WIDE) {
            if (at + 8 > data + len) {
              throw blame.fail("not-a-zip", "zip64 extra field too short for " + name);
            }
            out[k] = LittleEndian.u64(extra, at);
            at += 8;
          }
        }
        if (out[0] < 0 || out[1] < 0 || out[2] < 0) {
          throw blame.fail("not-a-zip", "zip64 size or offset out of range for " + name);
        }
        return out;
      }
      i = data + len;
    }
    // Without a zip64 field the 32-bit values stand as they are (archive/zip does the same).
    return out;
  }
}
