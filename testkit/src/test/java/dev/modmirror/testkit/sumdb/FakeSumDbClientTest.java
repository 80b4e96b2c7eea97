package dev.modmirror.testkit.sumdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modmirror.core.error.NotFoundException;
import dev.modmirror.core.module.ModuleRef;
import dev.modmirror.core.sumdb.InMemorySumDbStateStore;
import dev.modmirror.core.sumdb.NoteVerifier;
import dev.modmirror.core.sumdb.SumDbClient;
import dev.modmirror.core.sumdb.SumDbException;
import dev.modmirror.core.sumdb.SumDbException.Rule;
import dev.modmirror.core.sumdb.SumDbForkException;
import dev.modmirror.core.sumdb.SumDbLines;
import dev.modmirror.core.sumdb.SumDbRoute;
import dev.modmirror.core.sumdb.SumDbSettings;
import dev.modmirror.core.sumdb.SumDbStateStore;
import dev.modmirror.core.sumdb.Tlog;
import dev.modmirror.testkit.sumdb.FakeSumDb.Lie;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FakeSumDbClientTest {
  private final FakeSumDb db = FakeSumDb.start();
  private final SumDbStateStore state = new InMemorySumDbStateStore();

  @AfterEach
  void close() {
    db.close();
  }

  private SumDbClient client() {
    return client(db.url());
  }

  private SumDbClient client(URI base) {
    return new SumDbClient(
        NoteVerifier.parse(db.verifierKey()), new LoopbackTransport(base), state);
  }

  private static ModuleRef ref(int i) {
    return ModuleRef.of("example.com/m" + i, "v1.0." + i);
  }

  private static String h1(String s) {
    return "h1:" + java.util.Base64.getEncoder().encodeToString(pad(s));
  }

  private static byte[] pad(String s) {
    return java.util.Arrays.copyOf(s.getBytes(java.nio.charset.StandardCharsets.UTF_8), 32);
  }

  private void addModules(int from, int to) {
    for (int i = from; i < to; i++) {
      db.add(ref(i), h1("zip" + i), h1("mod" + i));
    }
  }

  @Test
  void returnsAuthenticatedLinesAndAdvancesTheVerifiedTree() {
    addModules(0, 3);
    SumDbLines lines = client().verify(ref(1), h1("zip1"), h1("mod1"));
    assertThat(lines.zipLine()).isEqualTo("example.com/m1 v1.0.1 " + h1("zip1"));
    assertThat(lines.goModLine()).isEqualTo("example.com/m1 v1.0.1/go.mod " + h1("mod1"));
    assertThat(client().latestTree()).isEqualTo(db.tree());
    assertThatThrownBy(() -> client().lookup(ref(99))).isInstanceOf(NotFoundException.class);
  }

  @Test
  void provesRecordsAndConsistencyAcrossGrowingTreesOfManySizes() {
    SumDbClient client = client();
    int[] sizes = {1, 2, 3, 7, 8, 255, 256, 257, 300, 511, 513, 700};
    int added = 0;
    int lookups = 0;
    for (int size : sizes) {
      addModules(added, size);
      added = size;
      for (int i : new int[] {0, size / 2, size - 1}) {
        assertThat(client.lookup(ref(i)).zipHash()).isEqualTo(h1("zip" + i));
        lookups++;
      }
      assertThat(client.latestTree()).isEqualTo(db.tree());
    }
    assertThat(lookups).isEqualTo(36);
    assertThat(db.requests()).anyMatch(p -> p.startsWith("/tile/8/1/"));
    assertThat(db.requests()).anyMatch(p -> p.contains(".p/"));
  }

  @Test
  void rejectsEveryLieWithItsOwnRule() {
    addModules(0, 5);
    client().lookup(ref(0));
    Set<Rule> seen = EnumSet.noneOf(Rule.class);
    seen.add(lie(Lie.BAD_SIGNATURE, ref(1), Rule.BAD_SIGNATURE));
    seen.add(lie(Lie.UNKNOWN_KEY, ref(1), Rule.UNKNOWN_KEY));
    seen.add(lie(Lie.WRONG_INDEX, ref(1), Rule.RECORD_NOT_IN_TREE));
    db.add(ref(5), h1("zip5"), h1("mod5"));
    seen.add(lie(Lie.CORRUPT_TILES, ref(5), Rule.INCONSISTENT_TILE));
    db.addWithWrongHash(ref(6), h1("zip6"), h1("mod6"));
    seen.add(
        rule(() -> client().verify(ref(6), h1("zip6"), h1("mod6")), Rule.HASH_MISMATCH, e -> {}));
    db.forkAt(2);
    db.add(ref(7), h1("zip7"), h1("mod7"));
    seen.add(
        rule(
            () -> client().lookup(ref(7)),
            Rule.FORK,
            e -> assertThat(e).isInstanceOf(SumDbForkException.class)));
    assertThat(seen).hasSize(6);
    // Only the honest-looking tree of 7 (whose record lies about a hash) was accepted; not the
    // fork.
    assertThat(client().latestTree().n()).isEqualTo(7);
  }

  @Test
  void rejectsAnAuthenticRecordOfAnotherModuleAsWrongRecord() {
    addModules(0, 3);
    LoopbackTransport http = new LoopbackTransport(db.url());
    SumDbClient swapped =
        new SumDbClient(
            NoteVerifier.parse(db.verifierKey()),
            path -> http.get(path.replace("/m1@v1.0.1", "/m2@v1.0.2")),
            state);
    rule(() -> swapped.lookup(ref(1)), Rule.WRONG_RECORD, e -> {});
  }

  @Test
  void detectsForkOfSameSizeFromAuthenticatedTilesItKept() {
    addModules(0, 4);
    SumDbClient client = client();
    client.lookup(ref(3));
    db.forkAt(1);
    assertThatThrownBy(() -> client.lookup(ref(3))).isInstanceOf(SumDbForkException.class);
  }

  // Issue 16: on a store whose compare-and-set is not atomic another process can "win" the same
  // round and write its head over ours. The head is re-read after every advance.
  @Test
  void detectsAForkedHeadWrittenOverItsOwnRightAfterAdvancing() {
    addModules(0, 10);
    client().lookup(ref(9));
    LoopbackTransport http = new LoopbackTransport(db.url());
    SumDbStateStore racing =
        new RacingStateStore(
            state,
            () -> {
              // The other process saw a forked history of the same database.
              db.forkAt(3);
              addModules(12, 14);
              return http.get("/latest");
            });
    addModules(10, 12);
    SumDbClient client = new SumDbClient(NoteVerifier.parse(db.verifierKey()), http::get, racing);

    assertThatThrownBy(() -> client.lookup(ref(11))).isInstanceOf(SumDbForkException.class);
  }

  @Test
  void advancesAgainWhenAnOlderHeadWasWrittenOverItsOwn() {
    addModules(0, 10);
    client().lookup(ref(9));
    byte[] older = state.latest(db.name()).orElseThrow();
    SumDbStateStore racing = new RacingStateStore(state, () -> older);
    addModules(10, 12);
    SumDbClient client =
        new SumDbClient(
            NoteVerifier.parse(db.verifierKey()), new LoopbackTransport(db.url()), racing);

    client.lookup(ref(11));

    assertThat(client().latestTree()).isEqualTo(db.tree());
  }

  /**
   * A state store on which, once, right after a successful compare-and-set, another writer's note
   * replaces ours, as two racing processes on a store without atomic conditional writes do.
   */
  private static final class RacingStateStore implements SumDbStateStore {
    private final SumDbStateStore delegate;
    private final java.util.function.Supplier<byte[]> otherWriter;
    private boolean raced;

    RacingStateStore(SumDbStateStore delegate, java.util.function.Supplier<byte[]> otherWriter) {
      this.delegate = delegate;
      this.otherWriter = otherWriter;
    }

    @Override
    public java.util.Optional<byte[]> latest(String name) {
      return delegate.latest(name);
    }

    @Override
    public synchronized boolean compareAndSet(
        String name, java.util.Optional<byte[]> expected, byte[] next) {
      boolean won = delegate.compareAndSet(name, expected, next);
      if (won && !raced) {
        raced = true;
        byte[] other = otherWriter.get();
        if (!delegate.compareAndSet(name, java.util.Optional.of(next), other)) {
          throw new AssertionError("the racing write did not land");
        }
      }
      return won;
    }
  }

  @Test
  void detectsForkAcrossClientsSharingTheStateStore() {
    addModules(0, 300);
    client().lookup(ref(299));
    db.forkAt(10);
    addModules(300, 310);
    assertThatThrownBy(() -> client().lookup(ref(305)))
        .isInstanceOf(SumDbForkException.class)
        .hasMessageContaining("SECURITY ERROR");
  }

  @Test
  void looksUpThroughAProxySumdbPathAfterProbingSupported() {
    addModules(0, 2);
    SumDbSettings settings = SumDbSettings.parse(db.verifierKey(), "");
    URI base =
        SumDbRoute.choose(
            settings,
            List.of(db.proxyUrl() + "/nothing-here", db.proxyUrl().toString(), "direct"),
            url -> new LoopbackTransport(url).get(""));
    assertThat(base.toString()).isEqualTo(db.proxyUrl() + "/sumdb/fakesum.test");
    assertThat(client(base).lookup(ref(1)).goModHash()).isEqualTo(h1("mod1"));
  }

  @Test
  void concurrentLookupsWhileTheTreeGrowsAllVerifyAndTheHeadOnlyAdvances() throws Exception {
    addModules(0, 50);
    SumDbClient client = client();
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(4);
    List<java.util.concurrent.Future<Long>> results = new java.util.ArrayList<>();
    for (int t = 0; t < 4; t++) {
      int offset = t;
      results.add(
          pool.submit(
              () -> {
                long last = 0;
                for (int i = offset; i < 50; i += 4) {
                  assertThat(client.lookup(ref(i)).zipHash()).isEqualTo(h1("zip" + i));
                  long n = client.latestTree().n();
                  assertThat(n).isGreaterThanOrEqualTo(last);
                  last = n;
                }
                return last;
              }));
    }
    addModules(50, 300);
    for (java.util.concurrent.Future<Long> f : results) {
      assertThat(f.get()).isBetween(50L, 300L);
    }
    pool.shutdown();
    assertThat(client.lookup(ref(299)).goModHash()).isEqualTo(h1("mod299"));
    assertThat(client.latestTree()).isEqualTo(db.tree());
  }

  @Test
  void servesDataTilesWhoseRecordsHashToTheLevelZeroTile() {
    addModules(0, 3);
    LoopbackTransport http = new LoopbackTransport(db.url());
    String data = new String(http.get("/tile/8/data/000.p/3"), StandardCharsets.UTF_8);
    assertThat(data)
        .startsWith("0\nexample.com/m0 v1.0.0 " + h1("zip0") + "\n")
        .contains("2\nexample.com/m2 v1.0.2 ");
    byte[] level0 = http.get("/tile/8/0/000.p/3");
    String record1 = data.split("\n\n")[1].substring(2) + "\n";
    assertThat(Arrays.copyOfRange(level0, 32, 64)).isEqualTo(Tlog.recordHash(record1).bytes());
    assertThatThrownBy(() -> http.get("/tile/8/data/000.p/4"))
        .isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> http.get("/tile/8/0/000")).isInstanceOf(NotFoundException.class);
  }

  private Rule lie(Lie lie, ModuleRef ref, Rule expected) {
    db.lie(lie);
    try {
      return rule(() -> client().lookup(ref), expected, e -> {});
    } finally {
      db.beHonest();
    }
  }

  private static Rule rule(Runnable call, Rule expected, Consumer<SumDbException> more) {
    SumDbException[] caught = new SumDbException[1];
    assertThatThrownBy(call::run)
        .isInstanceOfSatisfying(
            SumDbException.class,
            e -> {
              caught[0] = e;
              assertThat(e.rule()).isEqualTo(expected);
              more.accept(e);
            });
    return caught[0].rule();
  }
}
