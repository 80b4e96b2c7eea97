package dev.modmirror.adapters.streams;

import dev.modmirror.core.event.DemandObserved;
import dev.modmirror.core.event.Topics;
import java.time.Duration;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.SlidingWindows;

/**
 * Counts demand per module over a sliding window: {@link Topics#DEMAND} re-keyed by module path,
 * timed by each observation's own {@code observedAt} (a tailed log's old lines count when they
 * happened), counted into the queryable window store {@value #STORE}. Observations later than the
 * grace period are dropped by Kafka Streams.
 */
public final class DemandTopology {
  /** The queryable window store: module path → count per sliding window. */
  public static final String STORE = "demand-counts";

  /** How late an observation may arrive and still be counted. */
  public static final Duration GRACE = Duration.ofHours(1);

  private DemandTopology() {}

  /** Adds the count to {@code builder}. */
  public static void build(StreamsBuilder builder, Duration window) {
    builder.stream(
            Topics.DEMAND.name(),
            Consumed.with(Serdes.String(), JsonSerdes.event(Topics.DEMAND))
                .withTimestampExtractor(
                    (record, previous) ->
                        record.value() instanceof DemandObserved d
                            ? d.observedAt().toEpochMilli()
                            : record.timestamp()))
        .groupBy(
            (key, demand) -> demand.ref().path().value(),
            Grouped.with("demand-by-module", Serdes.String(), JsonSerdes.event(Topics.DEMAND)))
        .windowedBy(SlidingWindows.ofTimeDifferenceAndGrace(window, GRACE))
        .count(Materialized.as(STORE));
  }
}
