package dev.modmirror.adapters.upstream;

import dev.modmirror.core.error.TransientException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Per-host limits shared by the http upstreams of one GOPROXY list: at most {@link
 * UpstreamConfig#connectionsPerHost()} requests at once (a body being read holds its slot), and at
 * most {@link UpstreamConfig#requestsPerSecondPerHost()} started per second. A warmer with many
 * versions in flight thus never floods one proxy; versions from other hosts are not held back.
 */
final class HostLimits {
  private final int connections;
  private final long nanosPerRequest;
  private final Map<String, Host> hosts = new ConcurrentHashMap<>();

  HostLimits(UpstreamConfig config) {
    this.connections = config.connectionsPerHost();
    double rate = config.requestsPerSecondPerHost();
    this.nanosPerRequest = rate > 0 ? (long) (1e9 / rate) : 0;
  }

  /**
   * A slot with {@code hostPort}: wait for one; {@link Slot#release()} it once the body is done.
   */
  Slot acquire(String hostPort, String module, String version) {
    Host host = hosts.computeIfAbsent(hostPort, h -> new Host(connections));
    try {
      host.slots.acquire();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TransientException(
          "interrupted while waiting for a connection to " + hostPort, module, version, e);
    }
    Slot slot = new Slot(host);
    try {
      host.pace(nanosPerRequest);
    } catch (InterruptedException e) {
      slot.release();
      Thread.currentThread().interrupt();
      throw new TransientException(
          "interrupted while pacing requests to " + hostPort, module, version, e);
    }
    return slot;
  }

  /** One request's hold on its host's connections; releasing twice is harmless. */
  static final class Slot {
    private final Host host;
    private boolean released;

    private Slot(Host host) {
      this.host = host;
    }

    synchronized void release() {
      if (!released) {
        released = true;
        host.slots.release();
      }
    }
  }

  private static final class Host {
    final Semaphore slots;
    private long nextStartNanos = System.nanoTime();

    Host(int connections) {
      this.slots = new Semaphore(connections, true);
    }

    /** Waits until this request may start; requests start at most one per interval. */
    void pace(long intervalNanos) throws InterruptedException {
      if (intervalNanos <= 0) {
        return;
      }
      long wait;
      synchronized (this) {
        long now = System.nanoTime();
        long start = Math.max(now, nextStartNanos);
        nextStartNanos = start + intervalNanos;
        wait = start - now;
      }
      if (wait > 0) {
        TimeUnit.NANOSECONDS.sleep(wait);
      }
    }
  }
}
