package dev.modmirror.core.error;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modmirror.core.module.ModuleRef;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** The four error kinds and the retry that tells them apart. */
class ErrorsTest {
  private static final ModuleRef REF = ModuleRef.of("example.com/m", "v1.0.0");

  @Test
  void eachKindHasItsStableNameAndItsModuleVersion() {
    Throwable cause = new IllegalStateException("cause");
    List<ModmirrorException> all =
        List.of(
            new InvalidInputException("m", REF, cause),
            new NotFoundException("m", REF, cause),
            new PermanentException("m", REF, cause),
            new TransientException("m", REF, cause));
    assertThat(all)
        .extracting(ModmirrorException::kind)
        .containsExactly("invalid-input", "not-found", "permanent", "transient");
    for (ModmirrorException e : all) {
      assertThat(e.module()).contains("example.com/m");
      assertThat(e.version()).contains("v1.0.0");
      assertThat(e).hasMessage("m").hasCause(cause);
    }
    for (ModmirrorException e :
        List.of(
            new InvalidInputException("m"),
            new NotFoundException("m"),
            new PermanentException("m"),
            new TransientException("m"),
            new NotFoundException("m", REF),
            new PermanentException("m", REF),
            new TransientException("m", REF))) {
      assertThat(e.getCause()).isNull();
    }
    assertThat(new PermanentException("m").module()).isEmpty();
    assertThat(new NotFoundException("m", "a.b/c", null).version()).isEmpty();
  }

  @Test
  void retriesOnlyTransientFailuresAndOnlyAsOftenAsAllowed() {
    List<Integer> calls = new ArrayList<>();
    Supplier<String> flaky =
        () -> {
          calls.add(calls.size());
          if (calls.size() < 3) {
            throw new TransientException("try again", REF);
          }
          return "done";
        };
    assertThat(Retry.of(3, Duration.ZERO).run(flaky)).isEqualTo("done");
    assertThat(calls).hasSize(3);

    calls.clear();
    assertThatThrownBy(() -> Retry.of(2, Duration.ofMillis(1)).run(flaky))
        .isExactlyInstanceOf(TransientException.class)
        .hasMessage("try again");
    assertThat(calls).hasSize(2);

    calls.clear();
    assertThatThrownBy(
            () ->
                Retry.of(5, Duration.ZERO)
                    .run(
                        () -> {
                          calls.add(0);
                          throw new PermanentException("no", REF);
                        }))
        .isExactlyInstanceOf(PermanentException.class);
    assertThat(calls).hasSize(1);
    assertThatThrownBy(() -> Retry.of(0, Duration.ZERO))
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessage("attempts must be at least 1");
    assertThat(Retry.of(1, Duration.ZERO).run(() -> 1)).isEqualTo(1);
  }

  @Test
  void anInterruptedBackoffEndsAsTransientAndKeepsTheInterrupt() {
    Thread.currentThread().interrupt();
    try {
      assertThatThrownBy(
              () ->
                  Retry.of(2, Duration.ofSeconds(30))
                      .run(
                          () -> {
                            throw new TransientException("down", REF);
                          }))
          .isExactlyInstanceOf(TransientException.class)
          .hasMessage("interrupted while backing off")
          .hasCauseInstanceOf(TransientException.class);
      assertThat(Thread.currentThread().isInterrupted()).isTrue();
    } finally {
      Thread.interrupted();
    }
  }
}
