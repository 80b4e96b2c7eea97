package dev.modmirror.deploy.progress;

import dev.modmirror.core.event.Consumption;
import dev.modmirror.core.event.Event;
import dev.modmirror.core.event.EventBus;
import dev.modmirror.core.event.Topic;
import dev.modmirror.core.event.Worker;
import dev.modmirror.core.module.ModulePath;
import dev.modmirror.core.module.ModuleRef;
import dev.modmirror.core.module.ModuleVersion;
import dev.modmirror.core.store.Artifact;
import dev.modmirror.core.upstream.Upstream;
import java.io.InputStream;
import java.util.List;

/**
 * Ports that count what passes through them into a {@link StageCounts}, for use cases that report
 * only at the end (the nightly prefetch): progress without touching the use case.
 */
public final class Counted {
  private Counted() {}

  /** Counts every publish in {@code stage}, once the bus has acknowledged it. */
  public static EventBus bus(EventBus bus, StageCounts counts, String stage) {
    return new EventBus() {
      @Override
      public <E extends Event> void publish(Topic<E> topic, E event) {
        bus.publish(topic, event);
        counts.add(stage);
      }

      @Override
      public <E extends Event> Subscription consume(Consumption<E> consumption, Worker<E> worker) {
        return bus.consume(consumption, worker);
      }

      @Override
      public void close() {
        bus.close();
      }
    };
  }

  /** Counts every module whose version list was read in {@code stage}. */
  public static Upstream listings(Upstream upstream, StageCounts counts, String stage) {
    return new Upstream() {
      @Override
      public InputStream open(ModuleRef ref, Artifact artifact) {
        return upstream.open(ref, artifact);
      }

      @Override
      public List<ModuleVersion> list(ModulePath path) {
        try {
          return upstream.list(path);
        } finally {
          counts.add(stage);
        }
      }

      @Override
      public ModuleVersion latest(ModulePath path) {
        return upstream.latest(path);
      }

      @Override
      public String describe() {
        return upstream.describe();
      }
    };
  }
}
