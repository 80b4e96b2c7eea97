package dev.modmirror.adapters.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modmirror.core.error.InvalidInputException;
import java.time.ZoneId;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class QuartzScheduleTest {

  @Test
  void firesOnItsCronAndNeverOverlapsItself() throws Exception {
    AtomicInteger running = new AtomicInteger();
    AtomicInteger maxRunning = new AtomicInteger();
    CountDownLatch twice = new CountDownLatch(2);
    Runnable job =
        () -> {
          maxRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
          try {
            Thread.sleep(1200); // longer than the one-second period
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          running.decrementAndGet();
          twice.countDown();
        };
    try (QuartzSchedule schedule =
        QuartzSchedule.start("test-prefetch", "* * * * * ?", ZoneId.of("Europe/Paris"), job)) {
      schedule.triggerNow("test-prefetch");
      assertThat(twice.await(30, TimeUnit.SECONDS)).isTrue();
    }
    assertThat(maxRunning.get()).isEqualTo(1);
  }

  @Test
  void refusesAnInvalidCronAtStart() {
    assertThatThrownBy(() -> QuartzSchedule.start("bad", "0 0 2 * *", ZoneId.of("UTC"), () -> {}))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("not a Quartz cron expression");
  }
}
