package dev.modmirror.core.sumdb;

import dev.modmirror.core.sumdb.SumDbException.Rule;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A {@code /lookup} answer: {@code id\n}, the record text, a blank line, then the signed tree note
 * (x/mod tlog FormatRecord / ParseRecord).
 *
 * @param id the record's index in the log
 * @param text the record text (go.sum lines), ending in a newline
 * @param treeNote the signed tree head that followed it
 */
public record LookupRecord(long id, String text, byte[] treeNote) {

  /**
   * @throws SumDbException (malformed response) on any deviation
   */
  public static LookupRecord parse(byte[] msg) {
    int nl = indexOf(msg, (byte) '\n', 0);
    String idText = nl < 0 ? "" : new String(msg, 0, nl, StandardCharsets.US_ASCII);
    if (!idText.matches("[0-9]{1,19}")) {
      throw malformed();
    }
    int blank = -1;
    for (int i = nl + 1; i + 1 < msg.length; i++) {
      if (msg[i] == '\n' && msg[i + 1] == '\n') {
        blank = i;
        break;
      }
    }
    if (blank < 0) {
      throw malformed();
    }
    String text = new String(msg, nl + 1, blank + 1 - (nl + 1), StandardCharsets.UTF_8);
    if (!isValidText(text)) {
      throw malformed();
    }
    try {
      return new LookupRecord(
          Long.parseLong(idText), text, Arrays.copyOfRange(msg, blank + 2, msg.length));
    } catch (NumberFormatException e) {
      throw malformed();
    }
  }

  /** The lookup answer's bytes for a record, without the tree note. */
  public static String format(long id, String text) {
    if (!isValidText(text)) {
      throw new IllegalArgumentException("invalid record text");
    }
    return id + "\n" + text + "\n";
  }

  private static boolean isValidText(String text) {
    return !text.isEmpty()
        && text.endsWith("\n")
        && !text.contains("\n\n")
        && text.indexOf('\uFFFD') < 0
        && text.chars().noneMatch(c -> c < 0x20 && c != '\n');
  }

  private static int indexOf(byte[] b, byte v, int from) {
    for (int i = from; i < b.length; i++) {
      if (b[i] == v) {
        return i;
      }
    }
    return -1;
  }

  private static SumDbException malformed() {
    return new SumDbException(Rule.MALFORMED_RESPONSE, "malformed lookup record");
  }
}
