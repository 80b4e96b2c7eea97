package dev.modmirror.core.sumdb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modmirror.core.error.NotFoundException;
import dev.modmirror.core.module.ModuleRef;
import dev.modmirror.core.testdata.CaseTable;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The table {@code cases/lookups.txt}: {@link SumDbClient} against a {@link TestSumDb} that tells
 * the truth or one lie, each lie refused with its exact rule and message.
 */
class SumDbClientTest {
  static Stream<Arguments> lookups() {
    return CaseTable.arguments(SumDbClientTest.class, "cases/lookups.txt");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("lookups")
  void verifiesOrRefusesWithTheRule(CaseTable.Row row) {
    String scenario = row.arg(0);
    int records = Integer.parseInt(row.arg(1));
    int i = Integer.parseInt(row.arg(2));
    String got;
    try {
      got = run(scenario, records, i);
    } catch (NotFoundException e) {
      got = "not-found";
    } catch (SumDbException e) {
      assertThat(e.getMessage()).startsWith(e.rule().id() + ": ");
      assertThat(e instanceof SumDbForkException).isEqualTo(e.rule() == SumDbException.Rule.FORK);
      got = e.getMessage();
    }
    String want = row.want();
    if (want.endsWith("…")) {
      assertThat(got).as(row.where()).startsWith(want.substring(0, want.length() - 1));
    } else {
      assertThat(got).as(row.where()).isEqualTo(want);
    }
  }

  /** Runs one scenario; returns {@code verified tree=N} or throws what the client threw. */
  private static String run(String scenario, int records, int i) {
    TestSumDb db =
        switch (scenario) {
          case "record-without-go-mod-line" ->
              TestSumDb.withRecord(records, i, TestSumDb.record(i, "").split("\n")[0] + "\n");
          case "record-with-h2-hashes" ->
              TestSumDb.withRecord(records, i, TestSumDb.record(i, "").replace("h1:", "h2:"));
          default -> new TestSumDb(records, "");
        };
    InMemorySumDbStateStore state = new InMemorySumDbStateStore();
    SumDbStateStore store = state;
    ModuleRef ref = TestSumDb.ref(i);
    String zip = i < records ? db.zipHash(i) : "h1:x";
    String mod = i < records ? db.goModHash(i) : "h1:y";
    switch (scenario) {
      case "honest", "record-without-go-mod-line", "record-with-h2-hashes" -> {}
      case "id-is-tree-size" -> db.lieAbout("/lookup/", b -> answer(db, records, i));
      case "id-past-tree-size" -> db.lieAbout("/lookup/", b -> answer(db, records + 1, i));
      case "id-of-previous-record" -> db.lieAbout("/lookup/", b -> answer(db, i - 1, i));
      case "id-of-next-record" -> db.lieAbout("/lookup/", b -> answer(db, i + 1, i));
      case "record-of-previous-module" -> db.lieAbout("/lookup/", b -> answer(db, i - 1, i - 1));
      case "tree-signed-by-stranger" ->
          db.lieAbout("/lookup/", b -> lookup(db, i, db.signedTree(TestSumDb.STRANGER)));
      case "tree-signed-by-stranger-and-us" ->
          db.lieAbout(
              "/lookup/", b -> lookup(db, i, db.signedTree(TestSumDb.STRANGER, TestSumDb.SIGNER)));
      case "tree-signature-flipped" ->
          db.lieAbout(
              "/lookup/", b -> lookup(db, i, flipSignature(db.signedTree(TestSumDb.SIGNER))));
      case "tree-note-not-a-tree" ->
          db.lieAbout("/lookup/", b -> lookup(db, i, Notes.sign("not a tree\n", TestSumDb.SIGNER)));
      case "lookup-without-blank-line" ->
          db.lieAbout("/lookup/", b -> LookupRecord.format(i, db.text(i)).trim().getBytes());
      case "data-tile-one-hash-long" ->
          db.lieAbout("/tile/8/0/", b -> Arrays.copyOf(b, b.length + 32));
      case "data-tile-one-hash-short" ->
          db.lieAbout("/tile/8/0/", b -> Arrays.copyOf(b, b.length - 32));
      case "data-tile-hash-flipped" -> db.lieAbout("/tile/8/0/", SumDbClientTest::flipLast);
      case "first-data-tile-flipped" -> db.lieAbout("/tile/8/0/000", SumDbClientTest::flipLast);
      case "level-1-tile-flipped" -> db.lieAbout("/tile/8/1/", SumDbClientTest::flipLast);
      case "verify-other-zip-hash" -> zip = TestSumDb.h1("other zip");
      case "verify-other-go-mod-hash" -> mod = TestSumDb.h1("other mod");
      case "state-race" ->
          store =
              new SumDbStateStore() {
                private boolean lost;

                @Override
                public Optional<byte[]> latest(String name) {
                  return state.latest(name);
                }

                @Override
                public boolean compareAndSet(String name, Optional<byte[]> expected, byte[] next) {
                  if (!lost) {
                    // Another client stores the same head first: this one must re-read and agree.
                    lost = true;
                    state.compareAndSet(name, expected, next);
                    return false;
                  }
                  return state.compareAndSet(name, expected, next);
                }
              };
      case "older-tree-later" -> {
        db.client(state).verify(ref, zip, mod);
        db.serveSize(records - 2);
      }
      case "fork-later", "fork-same-size-later", "fork-same-size-after-restart" -> {
        // One client (one tile cache) sees the database change its story; after a restart only
        // the stored tree head is left.
        TestSumDb other =
            new TestSumDb(scenario.equals("fork-later") ? records + 2 : records, "fork");
        TestSumDb[] serving = {db};
        SumDbClient client =
            new SumDbClient(TestSumDb.verifier(), p -> serving[0].transport().get(p), state);
        client.verify(ref, zip, mod);
        serving[0] = other;
        if (scenario.endsWith("restart")) {
          client = other.client(state);
        }
        return verified(client, ref, other.zipHash(i), other.goModHash(i));
      }
      case "newer-tree-later" -> {
        db.serveSize(records - 2);
        db.client(state).verify(ref, zip, mod);
        db.serveSize(-1);
      }
      default -> throw new IllegalArgumentException("unknown scenario " + scenario);
    }
    SumDbClient client = new SumDbClient(TestSumDb.verifier(), db.transport(), store);
    return verified(client, ref, zip, mod);
  }

  private static String verified(SumDbClient client, ModuleRef ref, String zip, String mod) {
    SumDbLines lines = client.verify(ref, zip, mod);
    assertThat(lines).isEqualTo(new SumDbLines(ref, zip, mod));
    assertThat(client.lookup(ref)).isEqualTo(lines);
    assertThat(client.name()).isEqualTo(TestSumDb.NAME);
    return "verified tree=" + client.latestTree().n();
  }

  /** A lookup answer claiming {@code id} for the text of record {@code textOf}. */
  private static byte[] answer(TestSumDb db, long id, int textOf) {
    return TestSumDb.concat(
        LookupRecord.format(id, db.text(textOf)), db.signedTree(TestSumDb.SIGNER));
  }

  private static byte[] lookup(TestSumDb db, int i, byte[] note) {
    return TestSumDb.concat(LookupRecord.format(i, db.text(i)), note);
  }

  private static byte[] flipLast(byte[] b) {
    byte[] out = b.clone();
    out[out.length - 1] ^= 1;
    return out;
  }

  /** The same note with one bit of its signature changed (still valid base64, same key hash). */
  private static byte[] flipSignature(byte[] note) {
    String s = new String(note, java.nio.charset.StandardCharsets.UTF_8);
    int space = s.lastIndexOf(' ');
    byte[] sig = Base64.getDecoder().decode(s.substring(space + 1).trim());
    sig[sig.length - 1] ^= 1;
    return (s.substring(0, space + 1) + Base64.getEncoder().encodeToString(sig) + "\n")
        .getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }
}
