package dev.modmirror.deploy.wiring;

import dev.modmirror.core.event.ConsumerBacklog;
import dev.modmirror.core.event.EventBus;
import dev.modmirror.core.store.ModuleStore;
import dev.modmirror.core.sumdb.ChecksumPolicy;
import dev.modmirror.core.upstream.Upstream;
import dev.modmirror.serve.SumDbPassThrough;
import io.opentelemetry.api.OpenTelemetry;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The ports the services are built over: the options of the one assembly, {@link Services} (as
 * athens' {@code download.Opts} are of {@code download.New}). {@link Adapters} provides the real
 * ones for a {@link Deployment}; {@link #of} takes ports given up front (in-memory ones in fast
 * tests).
 *
 * <p>{@link Services} asks only for the parts the service it builds uses, so an implementation may
 * build each part on first use: then an ingest process never contacts a bucket and a warmer never a
 * region. An accessor may throw a {@link dev.modmirror.core.error.ModmirrorException} kind when its
 * part cannot be built (an unreachable server, rejected credentials); once built, a part is
 * returned again on every call.
 */
public interface Parts {

  /** Where the services publish and consume their events. */
  EventBus bus();

  /** The bucket the warmer fills and the replicators copy from. */
  ModuleStore primary();

  /** One store per region, each named after its region, in region order; empty if there is none. */
  List<ModuleStore> regions();

  /** Where module versions are fetched from: a GOPROXY list. */
  Upstream upstream();

  /** How fetched hashes are checked against the checksum database. */
  ChecksumPolicy checksums();

  /** Traces, metrics and the propagation of trace context. */
  OpenTelemetry telemetry();

  /** The time stamped on events. */
  Clock clock();

  /**
   * The checksum database that serve passes through under {@code /sumdb/<name>/}: {@code spec} in
   * GOSUMDB's syntax, else the deployment's GOSUMDB. Empty when that is off or there is none (then
   * {@code /sumdb/} answers 404 and the go command asks the database itself).
   */
  default Optional<SumDbPassThrough> sumDbPassThrough(Optional<String> spec) {
    return Optional.empty();
  }

  /**
   * What each consumer group has not handled yet, where the bus can tell (Kafka can); empty
   * otherwise. Read only: no group is joined, no offset moved.
   */
  default Optional<ConsumerBacklog> backlog() {
    return Optional.empty();
  }

  /** Parts given up front. */
  static Parts of(
      EventBus bus,
      ModuleStore primary,
      List<ModuleStore> regions,
      Upstream upstream,
      ChecksumPolicy checksums,
      OpenTelemetry telemetry,
      Clock clock) {
    return new Given(bus, primary, regions, upstream, checksums, telemetry, clock);
  }

  /** Parts given up front; none may be null. */
  record Given(
      EventBus bus,
      ModuleStore primary,
      List<ModuleStore> regions,
      Upstream upstream,
      ChecksumPolicy checksums,
      OpenTelemetry telemetry,
      Clock clock)
      implements Parts {
    public Given {
      Objects.requireNonNull(bus, "bus");
      Objects.requireNonNull(primary, "primary");
      Objects.requireNonNull(upstream, "upstream");
      Objects.requireNonNull(checksums, "checksums");
      Objects.requireNonNull(telemetry, "telemetry");
      Objects.requireNonNull(clock, "clock");
      regions = List.copyOf(regions);
    }
  }
}
