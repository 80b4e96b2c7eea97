package dev.modmirror.core.module;

/** Go's {@code utf8.DecodeRune}: a rune and its width, or U+FFFD and width 1 for a bad byte. */
final class GoUtf8 {
  private static final int[] ERROR = {0xFFFD, 1};

  private GoUtf8() {}

  static int[] decodeRune(byte[] s, int at) {
    int c0 = s[at] & 0xff;
    if (c0 < 0x80) {
      return new int[] {c0, 1};
    }
    int n;
    int min;
    int cp;
    if (c0 >= 0xC2 && c0 <= 0xDF) {
      n = 2;
      min = 0x80;
      cp = c0 & 0x1F;
    } else if (c0 >= 0xE0 && c0 <= 0xEF) {
      n = 3;
      min = 0x800;
      cp = c0 & 0x0F;
    } else if (c0 >= 0xF0 && c0 <= 0xF4) {
      n = 4;
      min = 0x10000;
      cp = c0 & 0x07;
    } else {
      return ERROR;
    }
    if (at + n > s.length) {
      return ERROR;
    }
    for (int k = 1; k < n; k++) {
      int c = s[at + k] & 0xff;
      if ((c & 0xC0) != 0x80) {
        return ERROR;
      }
      cp = cp << 6 | (c & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
      return ERROR;
    }
    return new int[] {cp, n};
  }
}
