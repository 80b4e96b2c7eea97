package dev.modmirror.warmer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modmirror.core.error.TransientException;
import dev.modmirror.core.event.Consumption;
import dev.modmirror.core.event.Event;
import dev.modmirror.core.event.EventBus;
import dev.modmirror.core.event.Topic;
import dev.modmirror.core.event.Worker;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A warmer whose start fails part-way (a lane's retry topics cannot be created while a broker
 * restarts) leaves nothing consuming: the service's start is tried again (issue 13), and a lane
 * left running from the failed attempt would be a consumer nobody closes.
 */
class WarmerServiceTest {
  @TempDir Path spool;

  @Test
  void aStartThatFailsPartWayClosesTheSubscriptionsItOpened() {
    List<AtomicInteger> closes = new ArrayList<>();
    EventBus bus = new FailingOnThirdConsume(closes);
    WarmerConfig config =
        new WarmerConfig(spool, 1, Duration.ofMillis(1), WarmerConfig.MAX_ZIP_BYTES, "g", 1);

    assertThatThrownBy(() -> WarmerService.start(bus, null, config))
        .isInstanceOf(TransientException.class);

    assertThat(closes).hasSize(2);
    assertThat(closes).allSatisfy(c -> assertThat(c.get()).isEqualTo(1));
  }

  /** Opens two subscriptions, then fails as a broker that does not answer. */
  private static final class FailingOnThirdConsume implements EventBus {
    private final List<AtomicInteger> closes;

    FailingOnThirdConsume(List<AtomicInteger> closes) {
      this.closes = closes;
    }

    @Override
    public <E extends Event> void publish(Topic<E> topic, E event) {}

    @Override
    public <E extends Event> Subscription consume(Consumption<E> consumption, Worker<E> worker) {
      if (closes.size() == 2) {
        throw new TransientException("cannot create topic: no answer within 10 s");
      }
      AtomicInteger closed = new AtomicInteger();
      closes.add(closed);
      return closed::incrementAndGet;
    }

    @Override
    public void close() {}
  }
}
