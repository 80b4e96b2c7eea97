package dev.modmirror.core.sumdb;

import dev.modmirror.core.sumdb.SumDbException.Rule;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Signed notes (golang.org/x/mod/sumdb/note): text ending in a newline, a blank line, then one or
 * more lines {@code — name base64(4-byte key hash + signature)}.
 */
public final class Notes {
  private static final String SIG_PREFIX = "\u2014 ";
  private static final int MAX_SIGNATURES = 100;

  private Notes() {}

  /**
   * Parses {@code msg} and verifies every signature by a key in {@code known}.
   *
   * @return the note; its text is signed by at least one known key
   * @throws SumDbException malformed response (bad syntax, control characters, invalid UTF-8, more
   *     than 100 signatures), bad signature (a known key's signature fails), unknown key (no
   *     signature by a known key), malformed key (two known keys share name and hash and it signed
   *     the note)
   */
  public static Note open(byte[] msg, List<NoteVerifier> known) {
    String all = decodeText(msg);
    int split = all.lastIndexOf("\n\n");
    if (split < 0) {
      throw malformed();
    }
    String text = all.substring(0, split + 1);
    String sigs = all.substring(split + 2);
    if (sigs.isEmpty() || !sigs.endsWith("\n")) {
      throw malformed();
    }
    byte[] signed = text.getBytes(StandardCharsets.UTF_8);
    List<NoteSignature> verified = new ArrayList<>();
    List<NoteSignature> unverified = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    int count = 0;
    for (String line : sigs.substring(0, sigs.length() - 1).split("\n", -1)) {
      NoteSignature sig = parseLine(line);
      if (++count > MAX_SIGNATURES) {
        throw malformed();
      }
      NoteVerifier verifier = find(known, sig.name(), sig.keyHash());
      if (!seen.add(line) || (verifier != null && !seen.add(sig.name() + "+" + sig.keyHash()))) {
        continue; // repeated identical lines or repeated signatures by one key count once
      }
      if (verifier == null) {
        unverified.add(sig);
        continue;
      }
      byte[] raw = StrictBase64.decode(sig.base64());
      if (!verifier.verify(signed, Arrays.copyOfRange(raw, 4, raw.length))) {
        throw new SumDbException(
            Rule.BAD_SIGNATURE,
            "invalid signature for key " + sig.name() + "+" + NoteKeys.hex8(sig.keyHash()));
      }
      verified.add(sig);
    }
    if (verified.isEmpty()) {
      throw new SumDbException(
          Rule.UNKNOWN_KEY, "note has no verifiable signatures (signed by " + unverified + ")");
    }
    return new Note(text, verified, unverified);
  }

  /**
   * Signs {@code text} with each signer.
   *
   * @throws SumDbException (malformed response) if the text is empty, lacks a final newline, has a
   *     blank line or control characters
   */
  public static byte[] sign(String text, NoteSigner... signers) {
    if (text.isEmpty() || !text.endsWith("\n") || text.contains("\n\n")) {
      throw malformed();
    }
    byte[] signed = text.getBytes(StandardCharsets.UTF_8);
    decodeText(signed);
    StringBuilder out = new StringBuilder(text).append('\n');
    for (NoteSigner signer : signers) {
      byte[] sig = signer.sign(signed);
      ByteBuffer buf = ByteBuffer.allocate(4 + sig.length).putInt(signer.keyHash()).put(sig);
      out.append(SIG_PREFIX)
          .append(signer.name())
          .append(' ')
          .append(Base64.getEncoder().encodeToString(buf.array()))
          .append('\n');
    }
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static NoteSignature parseLine(String line) {
    if (!line.startsWith(SIG_PREFIX)) {
      throw malformed();
    }
    String rest = line.substring(SIG_PREFIX.length());
    int space = rest.indexOf(' ');
    String name = space < 0 ? rest : rest.substring(0, space);
    String b64 = space < 0 ? "" : rest.substring(space + 1);
    byte[] raw = StrictBase64.decode(b64);
    if (raw == null || !NoteKeys.isValidName(name) || b64.isEmpty() || raw.length < 5) {
      throw malformed();
    }
    return new NoteSignature(name, ByteBuffer.wrap(raw).getInt(), b64);
  }

  private static NoteVerifier find(List<NoteVerifier> known, String name, int hash) {
    NoteVerifier found = null;
    for (NoteVerifier v : known) {
      if (v.name().equals(name) && v.keyHash() == hash) {
        if (found != null) {
          throw new SumDbException(
              Rule.MALFORMED_KEY, "ambiguous key " + name + "+" + NoteKeys.hex8(hash));
        }
        found = v;
      }
    }
    return found;
  }

  /** Valid UTF-8 with no control character but newline, as the note format requires. */
  private static String decodeText(byte[] msg) {
    String text;
    try {
      text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(msg))
              .toString();
    } catch (CharacterCodingException e) {
      throw malformed();
    }
    if (text.chars().anyMatch(c -> c < 0x20 && c != '\n')) {
      throw malformed();
    }
    return text;
  }

  private static SumDbException malformed() {
    return new SumDbException(Rule.MALFORMED_RESPONSE, "malformed note");
  }
}
