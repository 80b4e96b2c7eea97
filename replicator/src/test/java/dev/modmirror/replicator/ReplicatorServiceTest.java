package dev.modmirror.replicator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modmirror.core.error.TransientException;
import dev.modmirror.core.event.Consumption;
import dev.modmirror.core.event.Event;
import dev.modmirror.core.event.EventBus;
import dev.modmirror.core.event.Topic;
import dev.modmirror.core.event.Worker;
import dev.modmirror.testkit.memory.InMemoryModuleStore;
import io.opentelemetry.api.OpenTelemetry;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A replicator whose start fails part-way (a region's retry topics cannot be created while a broker
 * restarts) leaves nothing consuming: the service's start is tried again (issue 13).
 */
class ReplicatorServiceTest {
  @TempDir Path spool;

  @Test
  void aStartThatFailsPartWayClosesTheSubscriptionsItOpened() {
    List<AtomicInteger> closes = new ArrayList<>();
    EventBus bus = new FailingOnSecondConsume(closes);
    ReplicatorConfig config = ReplicatorConfig.defaults(spool);
    InMemoryModuleStore primary = InMemoryModuleStore.create("primary");
    List<ReplicateVersion> regions = new ArrayList<>();
    for (String region : List.of("region-1", "region-2")) {
      regions.add(
          new ReplicateVersion(
              primary,
              InMemoryModuleStore.create(region),
              bus,
              OpenTelemetry.noop(),
              config,
              Clock.systemUTC()));
    }

    assertThatThrownBy(() -> ReplicatorService.start(bus, regions, config))
        .isInstanceOf(TransientException.class);

    assertThat(closes).hasSize(1);
    assertThat(closes.get(0)).hasValue(1);
  }

  /** Opens one subscription, then fails as a broker that does not answer. */
  private static final class FailingOnSecondConsume implements EventBus {
    private final List<AtomicInteger> closes;

    FailingOnSecondConsume(List<AtomicInteger> closes) {
      this.closes = closes;
    }

    @Override
    public <E extends Event> void publish(Topic<E> topic, E event) {}

    @Override
    public <E extends Event> Subscription consume(Consumption<E> consumption, Worker<E> worker) {
      if (closes.size() == 1) {
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
