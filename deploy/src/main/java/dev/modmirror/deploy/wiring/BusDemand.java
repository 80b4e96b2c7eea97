package dev.modmirror.deploy.wiring;

import dev.modmirror.core.event.DemandKind;
import dev.modmirror.core.event.DemandObserved;
import dev.modmirror.core.event.EventBus;
import dev.modmirror.core.event.Topics;
import dev.modmirror.core.module.ModuleRef;
import dev.modmirror.core.store.Artifact;
import dev.modmirror.core.telemetry.Telemetry;
import dev.modmirror.serve.DemandSink;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.metrics.LongCounter;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serve's demand as {@link DemandObserved} events on {@link Topics#DEMAND}, the stream that nightly
 * prefetch ranks, published off the request threads: a request never waits for the broker. A
 * bounded queue absorbs bursts; when it is full (the broker is slow or away) an observation is
 * dropped and counted ({@code modmirror.serve.demand.dropped}) rather than slowing serving.
 */
final class BusDemand implements DemandSink, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(BusDemand.class);
  private static final int QUEUE = 10_000;
  private static final int PUBLISHERS = 4;

  private final BlockingQueue<DemandObserved> queue = new ArrayBlockingQueue<>(QUEUE);
  private final EventBus bus;
  private final String origin;
  private final Clock clock;
  private final LongCounter dropped;
  private final List<Thread> publishers = new ArrayList<>();
  private volatile boolean closed;

  BusDemand(EventBus bus, String origin, OpenTelemetry telemetry, Clock clock) {
    this.bus = bus;
    this.origin = origin;
    this.clock = clock;
    this.dropped =
        telemetry
            .getMeter(Telemetry.SCOPE)
            .counterBuilder("modmirror.serve.demand.dropped")
            .setDescription("Demand observations dropped because the queue to the broker was full")
            .build();
    for (int i = 1; i <= PUBLISHERS; i++) {
      Thread t = new Thread(this::publish, "serve-demand-" + i);
      t.setDaemon(true);
      t.start();
      publishers.add(t);
    }
  }

  @Override
  public void observed(ModuleRef ref, Artifact artifact) {
    DemandObserved event = DemandObserved.of(ref, kind(artifact), origin, clock.instant());
    if (!queue.offer(event)) {
      dropped.add(1);
    }
  }

  private static DemandKind kind(Artifact artifact) {
    return switch (artifact) {
      case INFO -> DemandKind.INFO;
      case MOD -> DemandKind.MOD;
      case ZIP -> DemandKind.ZIP;
    };
  }

  private void publish() {
    while (!closed || !queue.isEmpty()) {
      try {
        DemandObserved event = queue.poll(200, TimeUnit.MILLISECONDS);
        if (event != null) {
          bus.publish(Topics.DEMAND, event);
        }
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        dropped.add(1);
        LOG.debug("demand for {} not published: {}", origin, e.toString());
      }
    }
  }

  /** Publishes what is queued (for up to five seconds), then stops. */
  @Override
  public void close() {
    closed = true;
    for (Thread t : publishers) {
      try {
        t.join(5_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      t.interrupt();
    }
  }
}
