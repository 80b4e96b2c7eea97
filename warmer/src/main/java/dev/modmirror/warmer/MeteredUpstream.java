package dev.modmirror.warmer;

import dev.modmirror.core.error.ModmirrorException;
import dev.modmirror.core.module.ModulePath;
import dev.modmirror.core.module.ModuleRef;
import dev.modmirror.core.module.ModuleVersion;
import dev.modmirror.core.store.Artifact;
import dev.modmirror.core.telemetry.Telemetry;
import dev.modmirror.core.upstream.Upstream;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.Meter;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Locale;

/**
 * An {@link Upstream} that measures each fetch: {@code modmirror.upstream.fetch.duration} from
 * request to the body's end (or failure), and {@code modmirror.upstream.fetch.bytes}, per upstream,
 * artifact and outcome. A decorator, so no upstream adapter has to know about metrics.
 */
final class MeteredUpstream implements Upstream {
  private final Upstream upstream;
  private final DoubleHistogram duration;
  private final LongCounter bytes;

  MeteredUpstream(Upstream upstream, Meter meter) {
    this.upstream = upstream;
    this.duration =
        meter
            .histogramBuilder("modmirror.upstream.fetch.duration")
            .setDescription("Time to fetch one artifact from the upstream, headers to last byte")
            .setUnit("s")
            .build();
    this.bytes =
        meter
            .counterBuilder("modmirror.upstream.fetch.bytes")
            .setDescription("Bytes read from the upstream")
            .setUnit("By")
            .build();
  }

  @Override
  public InputStream open(ModuleRef ref, Artifact artifact) {
    long started = System.nanoTime();
    try {
      return new Measured(upstream.open(ref, artifact), artifact, started);
    } catch (RuntimeException e) {
      record(artifact, started, 0, outcome(e));
      throw e;
    }
  }

  @Override
  public List<ModuleVersion> list(ModulePath path) {
    return upstream.list(path);
  }

  @Override
  public String describe() {
    return upstream.describe();
  }

  private void record(Artifact artifact, long startedNanos, long count, String outcome) {
    Attributes attributes =
        Attributes.of(
            Telemetry.UPSTREAM,
            upstream.describe(),
            Telemetry.ARTIFACT,
            artifact.name().toLowerCase(Locale.ROOT),
            Telemetry.OUTCOME,
            outcome);
    duration.record((System.nanoTime() - startedNanos) / 1e9, attributes);
    if (count > 0) {
      bytes.add(count, attributes);
    }
  }

  private static String outcome(Throwable e) {
    return e instanceof ModmirrorException m ? m.kind() : "error";
  }

  /** Counts what is read and records the fetch once: at the end, on failure, or on close. */
  private final class Measured extends FilterInputStream {
    private final Artifact artifact;
    private final long started;
    private long count;
    private boolean recorded;

    Measured(InputStream in, Artifact artifact, long started) {
      super(in);
      this.artifact = artifact;
      this.started = started;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      int n = read(one, 0, 1);
      return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      try {
        int n = super.read(b, off, len);
        if (n < 0) {
          finish("ok");
        } else {
          count += n;
        }
        return n;
      } catch (IOException | RuntimeException e) {
        finish(outcome(e));
        throw e;
      }
    }

    @Override
    public void close() throws IOException {
      finish("ok");
      super.close();
    }

    private void finish(String outcome) {
      if (!recorded) {
        recorded = true;
        record(artifact, started, count, outcome);
      }
    }
  }
}
