package dev.modmirror.core.sumdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modmirror.core.sumdb.SumDbException.Rule;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Vectors from golang.org/x/mod/sumdb/note's tests. */
class NotesTest {
  static final String PETER = "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW";
  static final String PETER_SEED = "AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz";
  static final String ENOCH = "EnochRoot+af0cfe78+ATtqJ7zOtqQtYqOo0CpvDXNlMhV3HeJDpjrASKGLWdop";
  static final String TEXT =
      "If you think cryptography is the answer to your problem,\n"
          + "then you don't know what your problem is.\n";
  static final String PETER_SIG =
      "\u2014 PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n";
  static final String ENOCH_SIG =
      "\u2014 EnochRoot rwz+eBzmZa0SO3NbfRGzPCpDckykFXSdeX+MNtCOXm2/5n2tiOHp+vAF1aGrQ5ovTG01oOTGwnWLox33WWd1RvMc+QQ=\n";

  @Test
  void parsesKnownVerifierKeyAndRejectsEveryMangling() {
    NoteVerifier v = NoteVerifier.parse(PETER);
    assertThat(v.name()).isEqualTo("PeterNeumann");
    assertThat(v.keyHash()).isEqualTo(0xc74f20a3);
    int rejected = 0;
    for (int i = 0; i <= PETER.length(); i++) {
      for (int j = i + 1; j <= PETER.length(); j++) {
        if (i != 0 || j != PETER.length()) {
          assertRejected(PETER.substring(i, j));
          rejected++;
        }
      }
    }
    char[] b = PETER.toCharArray();
    for (int i = 0; i < b.length; i++) {
      b[i]++;
      assertRejected(new String(b));
      b[i]--;
      rejected++;
    }
    assertRejected("PeterNeumann+cc469956+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TWBADKEY==");
    assertRejected("PeterNeumann+173116ae+ZRpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW");
    assertThat(rejected).isGreaterThan(2000);
  }

  private static void assertRejected(String key) {
    assertThatThrownBy(() -> NoteVerifier.parse(key))
        .as(key)
        .isInstanceOfSatisfying(
            SumDbException.class, e -> assertThat(e.rule()).isEqualTo(Rule.MALFORMED_KEY));
  }

  @Test
  void signsExactlyAsGoDoes() {
    byte[] seed = Arrays.copyOfRange(Base64.getDecoder().decode(PETER_SEED), 1, 33);
    byte[] pub = Arrays.copyOfRange(Base64.getDecoder().decode(PETER.split("\\+")[2]), 1, 33);
    NoteSigner signer = NoteSigner.of("PeterNeumann", seed, pub);
    assertThat(signer.verifierKey()).isEqualTo(PETER);
    assertThat(new String(Notes.sign(TEXT, signer), StandardCharsets.UTF_8))
        .isEqualTo(TEXT + "\n" + PETER_SIG);
  }

  @Test
  void opensNoteKeepingUnknownSignaturesUnverified() {
    Note n = open(TEXT + "\n" + PETER_SIG + ENOCH_SIG, PETER);
    assertThat(n.text()).isEqualTo(TEXT);
    assertThat(n.signatures()).extracting(NoteSignature::name).containsExactly("PeterNeumann");
    assertThat(n.unverifiedSignatures())
        .extracting(NoteSignature::name)
        .containsExactly("EnochRoot");
    assertThat(open(TEXT + "\n" + PETER_SIG + ENOCH_SIG, PETER, ENOCH).signatures()).hasSize(2);
  }

  @Test
  void rejectsNoteWithoutKnownSignatureAsUnknownKey() {
    assertRule(TEXT + "\n" + PETER_SIG + ENOCH_SIG, Rule.UNKNOWN_KEY);
    assertRule(TEXT + "\n" + ENOCH_SIG, Rule.UNKNOWN_KEY, PETER);
  }

  @Test
  void rejectsCorruptSignatureOfKnownKey() {
    String bad = PETER_SIG.substring(0, 60) + "ABCD" + PETER_SIG.substring(60);
    assertRule(TEXT + "\n" + bad, Rule.BAD_SIGNATURE, PETER);
    assertRule(
        "If you think cryptography is the answer.\n\n" + PETER_SIG, Rule.BAD_SIGNATURE, PETER);
  }

  @Test
  void rejectsMalformedNotes() {
    List<String> bad =
        List.of(
            TEXT,
            TEXT + "\n",
            TEXT + "\n" + PETER_SIG.substring(0, PETER_SIG.length() - 1),
            "\u0001" + TEXT + "\n" + PETER_SIG,
            TEXT
                + "\n"
                + "\u2014 Bad Name x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=",
            TEXT + "\n" + PETER_SIG + "Unexpected line.\n",
            TEXT + "\n" + PETER_SIG.repeat(101));
    for (String msg : bad) {
      assertRule(msg, Rule.MALFORMED_RESPONSE, PETER);
    }
    byte[] invalidUtf8 = (TEXT + "\n" + PETER_SIG).getBytes(StandardCharsets.UTF_8);
    invalidUtf8[0] = (byte) 0xff;
    assertThatThrownBy(() -> Notes.open(invalidUtf8, List.of(NoteVerifier.parse(PETER))))
        .isInstanceOfSatisfying(
            SumDbException.class, e -> assertThat(e.rule()).isEqualTo(Rule.MALFORMED_RESPONSE));
  }

  @Test
  void roundTripsWithGeneratedKey() {
    NoteSigner signer = NoteSigner.generate("fake.sumdb.test");
    byte[] msg = Notes.sign("hello\n", signer);
    assertThat(Notes.open(msg, List.of(NoteVerifier.parse(signer.verifierKey()))).text())
        .isEqualTo("hello\n");
  }

  private static Note open(String msg, String... keys) {
    return Notes.open(
        msg.getBytes(StandardCharsets.UTF_8),
        Arrays.stream(keys).map(NoteVerifier::parse).toList());
  }

  private static void assertRule(String msg, Rule rule, String... keys) {
    assertThatThrownBy(() -> open(msg, keys))
        .isInstanceOfSatisfying(SumDbException.class, e -> assertThat(e.rule()).isEqualTo(rule));
  }
}
