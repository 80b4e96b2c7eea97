package dev.modmirror.core.sumdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modmirror.core.error.PermanentException;
import dev.modmirror.core.error.TransientException;
import dev.modmirror.core.module.ModuleRef;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** What the warmer's checksum step does for each GOSUMDB / GONOSUMDB setting. */
class ChecksumPolicyTest {
  private final TestSumDb db = new TestSumDb(5, "");
  private final ModuleRef known = TestSumDb.ref(4);

  private ChecksumPolicy policy(String gonosumdb, AtomicInteger connects) {
    SumDbSettings settings =
        SumDbSettings.parse(TestSumDb.SIGNER.verifierKey() + " http://sum.test", gonosumdb);
    return ChecksumPolicy.of(
        settings,
        () -> {
          connects.incrementAndGet();
          return db.client(new InMemorySumDbStateStore());
        });
  }

  /** The outcome for record {@code i}: the database's name and both of its hashes. */
  private ChecksumOutcome verified(int i) {
    return new ChecksumOutcome.Verified(
        "sum.test", new SumDbLines(TestSumDb.ref(i), db.zipHash(i), db.goModHash(i)));
  }

  @Test
  void labelsNameWhatWasDone() {
    assertThat(new ChecksumOutcome.Off().label()).isEqualTo("off");
    assertThat(new ChecksumOutcome.Exempt().label()).isEqualTo("exempt");
    assertThat(verified(4).label()).isEqualTo("verified:sum.test");
  }

  @Test
  void offChecksNothing() {
    assertThat(ChecksumPolicy.off().check(known, "h1:x", "h1:y"))
        .isEqualTo(new ChecksumOutcome.Off());
    assertThat(ChecksumPolicy.off().covers(known)).isFalse();
  }

  @Test
  void coversWhatItWouldAskTheDatabaseAbout() {
    AtomicInteger connects = new AtomicInteger();
    ChecksumPolicy p = policy("example.com/m4", connects);
    assertThat(p.covers(known)).isFalse();
    assertThat(p.covers(TestSumDb.ref(3))).isTrue();
    assertThat(connects).hasValue(0);
  }

  @Test
  void verifiesCoveredModulesAndConnectsOnce() {
    AtomicInteger connects = new AtomicInteger();
    ChecksumPolicy p = policy("", connects);
    assertThat(connects).hasValue(0);
    assertThat(p.check(known, db.zipHash(4), db.goModHash(4))).isEqualTo(verified(4));
    assertThat(p.check(TestSumDb.ref(3), db.zipHash(3), db.goModHash(3))).isEqualTo(verified(3));
    assertThat(connects).hasValue(1);
    assertThatThrownBy(() -> p.check(known, db.zipHash(3), db.goModHash(4)))
        .isInstanceOfSatisfying(
            SumDbException.class,
            e -> assertThat(e.rule()).isEqualTo(SumDbException.Rule.HASH_MISMATCH));
  }

  @Test
  void exemptsGonosumdbModulesWithoutConnecting() {
    AtomicInteger connects = new AtomicInteger();
    ChecksumPolicy p = policy("example.com/m4,*.corp.example", connects);
    assertThat(p.check(known, "h1:anything", "h1:else")).isEqualTo(new ChecksumOutcome.Exempt());
    assertThat(connects).hasValue(0);
    assertThat(p.check(TestSumDb.ref(3), db.zipHash(3), db.goModHash(3))).isEqualTo(verified(3));
  }

  @Test
  void aVersionTheDatabaseDoesNotKnowIsPermanent() {
    ChecksumPolicy p = policy("", new AtomicInteger());
    ModuleRef unknown = TestSumDb.ref(9);
    assertThatThrownBy(() -> p.check(unknown, "h1:x", "h1:y"))
        .isExactlyInstanceOf(PermanentException.class)
        .hasMessageStartingWith("checksum database sum.test has no record of " + unknown + ": ");
  }

  @Test
  void aFailedConnectionIsTriedAgainOnTheNextCheck() {
    AtomicInteger connects = new AtomicInteger();
    SumDbSettings settings =
        SumDbSettings.parse(TestSumDb.SIGNER.verifierKey() + " http://sum.test", "");
    ChecksumPolicy p =
        ChecksumPolicy.of(
            settings,
            () -> {
              if (connects.incrementAndGet() == 1) {
                throw new TransientException("database unreachable");
              }
              return db.client(new InMemorySumDbStateStore());
            });
    assertThatThrownBy(() -> p.check(known, db.zipHash(4), db.goModHash(4)))
        .isExactlyInstanceOf(TransientException.class);
    assertThat(p.check(known, db.zipHash(4), db.goModHash(4))).isEqualTo(verified(4));
    assertThat(connects).hasValue(2);
    assertThatThrownBy(() -> ChecksumPolicy.of(settings, () -> null).check(known, "h1:x", "h1:y"))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("checksum database client");
  }
}
