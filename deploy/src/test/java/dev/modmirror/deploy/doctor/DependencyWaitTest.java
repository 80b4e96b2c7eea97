package dev.modmirror.deploy.doctor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modmirror.core.error.InvalidInputException;
import dev.modmirror.core.error.TransientException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * {@link DependencyWait#startWhenReady}: a transient start is tried again, anything else is not.
 */
class DependencyWaitTest {
  @Test
  void aStartFailingTransientlyIsTriedAgainUntilItStarts() throws InterruptedException {
    AtomicInteger attempts = new AtomicInteger();

    String started =
        DependencyWait.startWhenReady(
            "warmer",
            () -> {
              if (attempts.incrementAndGet() < 3) {
                throw new TransientException("create bucket failed: HTTP 503");
              }
              return "running";
            });

    assertThat(started).isEqualTo("running");
    assertThat(attempts).hasValue(3);
  }

  @Test
  void aStartFailingOnAnythingElseStopsAtOnce() {
    AtomicInteger attempts = new AtomicInteger();

    assertThatThrownBy(
            () ->
                DependencyWait.startWhenReady(
                    "warmer",
                    () -> {
                      attempts.incrementAndGet();
                      throw new InvalidInputException("credentials refused (AccessDenied)");
                    }))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("AccessDenied");
    assertThat(attempts).hasValue(1);
  }
}
