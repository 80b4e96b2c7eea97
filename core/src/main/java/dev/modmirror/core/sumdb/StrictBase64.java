package dev.modmirror.core.sumdb;

import java.util.Base64;

/**
 * Standard padded base64 as Go's {@code base64.StdEncoding} decodes it: the JDK decoder alone also
 * accepts unpadded input, which would make two spellings of one key or signature valid.
 */
final class StrictBase64 {
  private StrictBase64() {}

  /**
   * The decoded bytes, or null if {@code text} is not padded standard base64. Carriage returns and
   * newlines are skipped, as Go's decoder skips them.
   */
  static byte[] decode(String text) {
    if (text != null && (text.indexOf('\r') >= 0 || text.indexOf('\n') >= 0)) {
      text = text.replace("\r", "").replace("\n", "");
    }
    if (text == null || text.length() % 4 != 0) {
      return null;
    }
    try {
      return Base64.getDecoder().decode(text);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
