package dev.modmirror.core.zip;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Entry names as Go sees them: bytes that must be valid UTF-8 to pass the file path rules. */
final class EntryNames {
  private EntryNames() {}

  static String decode(byte[] raw, Blame blame) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(raw))
          .toString();
    } catch (CharacterCodingException e) {
      throw blame.fail("invalid-file-path", "entry name is not valid UTF-8");
    }
  }
}
