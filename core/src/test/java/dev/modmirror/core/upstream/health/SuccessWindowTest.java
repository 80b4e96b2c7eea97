package dev.modmirror.core.upstream.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SuccessWindowTest {
  private static final long S = 1_000_000_000L;

  @Test
  void emptyUntilSomethingIsCounted() {
    assertThat(SuccessWindow.fiveMinutes().ratio(0)).isEmpty();
  }

  @Test
  void ratioOfAnsweredOverAllWithinTheWindow() {
    SuccessWindow window = SuccessWindow.fiveMinutes();
    for (int i = 0; i < 3; i++) {
      window.success(i * S);
    }
    window.failure(5 * S);
    assertThat(window.ratio(6 * S)).hasValue(0.75);
  }

  @Test
  void countsOlderThanTheWindowExpire() {
    SuccessWindow window = new SuccessWindow(Duration.ofMinutes(5), 30);
    window.failure(0);
    window.success(200 * S);
    assertThat(window.ratio(200 * S)).hasValue(0.5);
    assertThat(window.ratio(305 * S)).hasValue(1.0);
    assertThat(window.ratio(520 * S)).isEmpty();
  }

  @Test
  void aReusedSlotForgetsWhatItHeld() {
    SuccessWindow window = new SuccessWindow(Duration.ofSeconds(30), 3);
    window.failure(0);
    window.success(30 * S);
    assertThat(window.ratio(30 * S)).hasValue(1.0);
  }
}
