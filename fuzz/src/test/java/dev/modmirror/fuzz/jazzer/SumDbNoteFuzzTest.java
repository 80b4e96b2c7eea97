package dev.modmirror.fuzz.jazzer;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.modmirror.core.sumdb.LookupRecord;
import dev.modmirror.core.sumdb.Note;
import dev.modmirror.core.sumdb.NoteVerifier;
import dev.modmirror.core.sumdb.Notes;
import dev.modmirror.core.sumdb.SumDbException;
import dev.modmirror.core.sumdb.Tree;
import java.util.List;

/**
 * Targets {@code sumdb-note} and {@code sumdb-lookup}: signed notes (a {@code /latest} answer), the
 * tree they carry, and {@code /lookup} answers (record lines, then the signed tree note), read as a
 * checksum-database client reads them, with sum.golang.org's key as the known verifier. Only {@link
 * SumDbException} may come out. The seeds are real sum.golang.org answers from a go command's
 * cache.
 */
class SumDbNoteFuzzTest {
  private static final List<NoteVerifier> KNOWN =
      List.of(
          NoteVerifier.parse(
              "sum.golang.org+033de0ae+Ac4zctda0e5eza+HJyk9SxEdh+s3Ux18htTTAD8OuAn8"));

  @FuzzTest(maxDuration = Targets.MAX_DURATION)
  void note(byte[] data) {
    openNote(data);
    try {
      Tree.parse(new String(data, java.nio.charset.StandardCharsets.UTF_8));
    } catch (SumDbException expected) {
      // the typed refusal
    }
  }

  @FuzzTest(maxDuration = Targets.MAX_DURATION)
  void lookup(byte[] data) {
    LookupRecord record;
    try {
      record = LookupRecord.parse(data);
    } catch (SumDbException expected) {
      return;
    }
    openNote(record.treeNote());
  }

  private static void openNote(byte[] data) {
    Note note;
    try {
      note = Notes.open(data, KNOWN);
    } catch (SumDbException expected) {
      return;
    }
    try {
      Tree.parse(note.text());
    } catch (SumDbException expected) {
      // the typed refusal
    }
  }
}
