package dev.modmirror.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modmirror.core.sumdb.SumDbStateStore;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * What every {@link SumDbStateStore} must do: the verified tree note only ever moves by
 * compare-and-set, so two writers can never both advance it from the same note. Subclasses give a
 * fresh, empty store per test.
 */
public abstract class SumDbStateStoreContract {

  /** A store with no notes yet; the same instance for the whole test. */
  protected abstract SumDbStateStore store();

  @Test
  void hasNoNoteForAnUnknownDatabase() {
    assertThat(store().latest("unknown.example")).isEmpty();
  }

  @Test
  void createsTheFirstNoteOnlyWhenNoneIsExpected() {
    assertThat(store().compareAndSet("db.example", Optional.empty(), note("a"))).isTrue();
    assertThat(store().compareAndSet("db.example", Optional.empty(), note("b"))).isFalse();
    assertThat(store().latest("db.example"))
        .hasValueSatisfying(v -> assertThat(v).isEqualTo(note("a")));
  }

  @Test
  void advancesOnlyFromTheExpectedNote() {
    store().compareAndSet("db.example", Optional.empty(), note("a"));

    assertThat(store().compareAndSet("db.example", Optional.of(note("a")), note("b"))).isTrue();
    assertThat(store().compareAndSet("db.example", Optional.of(note("a")), note("c"))).isFalse();
    assertThat(store().compareAndSet("db.example", Optional.of(note("x")), note("c"))).isFalse();
    assertThat(store().latest("db.example"))
        .hasValueSatisfying(v -> assertThat(v).isEqualTo(note("b")));
  }

  @Test
  void keepsDatabasesApart() {
    store().compareAndSet("one.example", Optional.empty(), note("1"));
    store().compareAndSet("two.example", Optional.empty(), note("2"));

    assertThat(store().latest("one.example"))
        .hasValueSatisfying(v -> assertThat(v).isEqualTo(note("1")));
    assertThat(store().latest("two.example"))
        .hasValueSatisfying(v -> assertThat(v).isEqualTo(note("2")));
  }

  @Test
  void letsExactlyOneOfManyConcurrentWritersAdvanceFromOneNote() throws Exception {
    store().compareAndSet("db.example", Optional.empty(), note("base"));
    AtomicInteger won = new AtomicInteger();
    Together.run(
        8,
        i -> {
          if (store().compareAndSet("db.example", Optional.of(note("base")), note("next-" + i))) {
            won.incrementAndGet();
          }
        });

    assertThat(won).hasValue(1);
  }

  private static byte[] note(String text) {
    return ("go.sum database tree\n" + text + "\n").getBytes(StandardCharsets.UTF_8);
  }
}
