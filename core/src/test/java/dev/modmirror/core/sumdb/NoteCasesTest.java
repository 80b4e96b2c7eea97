package dev.modmirror.core.sumdb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modmirror.core.sumdb.SumDbException.Rule;
import dev.modmirror.core.testdata.CaseTable;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The table {@code cases/notes.txt}: key names, signature counts and signable texts. */
class NoteCasesTest {
  private static final byte[] SEED =
      Arrays.copyOfRange(Base64.getDecoder().decode(NotesTest.PETER_SEED), 1, 33);
  private static final byte[] PUBLIC =
      Arrays.copyOfRange(Base64.getDecoder().decode(NotesTest.PETER.split("\\+")[2]), 1, 33);
  private static final NoteSigner PETER = NoteSigner.of("PeterNeumann", SEED, PUBLIC);
  private static final List<NoteVerifier> KNOWN = List.of(NoteVerifier.parse(NotesTest.PETER));

  static Stream<Arguments> notes() {
    return CaseTable.arguments(NoteCasesTest.class, "cases/notes.txt");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("notes")
  void readsNotesAsXMod(CaseTable.Row row) {
    String got =
        switch (row.arg(0)) {
          case "key-name" -> {
            try {
              NoteSigner s = NoteSigner.of(row.arg(1), SEED, PUBLIC);
              assertThat(NoteVerifier.parse(s.verifierKey()).name()).isEqualTo(row.arg(1));
              yield "valid";
            } catch (SumDbException e) {
              assertThat(e.rule()).isEqualTo(Rule.MALFORMED_KEY);
              assertThat(e).hasMessage("sumdb-malformed-key: invalid signer key for " + row.arg(1));
              yield "invalid";
            }
          }
          case "signatures" ->
              open(
                  NotesTest.TEXT + "\n" + NotesTest.PETER_SIG.repeat(Integer.parseInt(row.arg(1))));
          case "sign" -> {
            try {
              byte[] note = Notes.sign(row.arg(1), PETER);
              yield open(new String(note, StandardCharsets.UTF_8));
            } catch (SumDbException e) {
              assertThat(e.rule()).isEqualTo(Rule.MALFORMED_RESPONSE);
              yield "malformed";
            }
          }
          default -> throw new IllegalArgumentException(row.where() + ": unknown op");
        };
    assertThat(got).as(row.where()).isEqualTo(row.want());
  }

  /** {@code ok} when the note opens with exactly one verified signature, else the rule. */
  private static String open(String msg) {
    try {
      Note n = Notes.open(msg.getBytes(StandardCharsets.UTF_8), KNOWN);
      assertThat(n.signatures()).extracting(NoteSignature::name).containsExactly("PeterNeumann");
      assertThat(n.unverifiedSignatures()).isEmpty();
      return "ok";
    } catch (SumDbException e) {
      return e.rule() == Rule.MALFORMED_RESPONSE ? "malformed" : e.rule().id();
    }
  }

  @Test
  void countsASignatureByOneKeyOnceHoweverItIsRepeated() {
    String other = NotesTest.ENOCH_SIG;
    Note n =
        Notes.open(
            (NotesTest.TEXT + "\n" + other + NotesTest.PETER_SIG + other + NotesTest.PETER_SIG)
                .getBytes(StandardCharsets.UTF_8),
            KNOWN);
    assertThat(n.signatures()).hasSize(1);
    assertThat(n.unverifiedSignatures())
        .extracting(NoteSignature::name)
        .containsExactly("EnochRoot");
  }

  @Test
  void refusesASignatureLineOfFewerThanFiveBytesOrWithoutName() {
    for (String b64 : new String[] {"AAAAAA==", "AAAAAAA="}) {
      String line = "\u2014 PeterNeumann " + b64 + "\n";
      String want = b64.equals("AAAAAA==") ? "malformed" : "sumdb-unknown-key";
      assertThat(open(NotesTest.TEXT + "\n" + line)).as(b64).isEqualTo(want);
    }
    assertThat(open(NotesTest.TEXT + "\n\u2014  AAAAAAA=\n")).isEqualTo("malformed");
  }
}
