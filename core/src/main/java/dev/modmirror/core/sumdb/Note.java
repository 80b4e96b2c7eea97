package dev.modmirror.core.sumdb;

import java.util.List;

/**
 * An opened signed note.
 *
 * @param text the signed text, ending in a newline
 * @param signatures signatures by trusted keys, all verified
 * @param unverifiedSignatures signatures by keys we do not know, not checked
 */
public record Note(
    String text, List<NoteSignature> signatures, List<NoteSignature> unverifiedSignatures) {
  public Note {
    signatures = List.copyOf(signatures);
    unverifiedSignatures = List.copyOf(unverifiedSignatures);
  }
}
