package dev.modmirror.adapters.streams;

import dev.modmirror.core.dedupe.Decision;
import dev.modmirror.core.dedupe.DedupeRules;
import dev.modmirror.core.dedupe.VersionState;
import dev.modmirror.core.event.Event;
import dev.modmirror.core.event.Topics;
import dev.modmirror.core.event.VersionFailed;
import dev.modmirror.core.event.VersionRequested;
import dev.modmirror.core.event.VersionWarmed;
import dev.modmirror.core.event.WarmRequested;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dedupe stage: raw requests, warmed and failed outcomes in, one {@link WarmRequested} per
 * version out, on the topic of its lane. One state store holds each version's {@link VersionState},
 * keyed {@code module@version}; all three inputs are keyed so, and have the same partition count,
 * so a version's requests and outcomes meet in one task. The rules are {@link DedupeRules}; the
 * forwarded record keeps the request's headers (its trace context). Every {@link #SWEEP_EVERY} of
 * wall-clock time each task deletes the states that {@link DedupeRules#forgettable} allows, so the
 * store (and its changelog, compacted) holds about what was requested recently, not every version
 * ever seen.
 */
public final class DedupeTopology {
  private static final Logger LOG = LoggerFactory.getLogger(DedupeTopology.class);

  /** The state store of the versions' states. */
  public static final String STORE = "dedupe-versions";

  /** How often each task sweeps its part of the store. */
  public static final Duration SWEEP_EVERY = Duration.ofMinutes(10);

  private DedupeTopology() {}

  /** Adds the stage to {@code builder}, untraced. */
  public static void build(StreamsBuilder builder, DedupeRules rules, DedupeListener listener) {
    build(builder, rules, listener, OpenTelemetry.noop());
  }

  /** Adds the stage to {@code builder}; each request decided is a span ({@link DedupeSpans}). */
  public static void build(
      StreamsBuilder builder, DedupeRules rules, DedupeListener listener, OpenTelemetry telemetry) {
    builder.addStateStore(
        Stores.keyValueStoreBuilder(
            Stores.persistentKeyValueStore(STORE), Serdes.String(), JsonSerdes.state()));
    KStream<String, Event> requests =
        builder.stream(
                Topics.REQUESTS.name(),
                Consumed.with(Serdes.String(), JsonSerdes.event(Topics.REQUESTS)))
            .mapValues(v -> (Event) v);
    KStream<String, Event> warmed =
        builder.stream(
                Topics.WARMED.name(),
                Consumed.with(Serdes.String(), JsonSerdes.event(Topics.WARMED)))
            .mapValues(v -> (Event) v);
    KStream<String, Event> failed =
        builder.stream(
                Topics.FAILED.name(),
                Consumed.with(Serdes.String(), JsonSerdes.event(Topics.FAILED)))
            .mapValues(v -> (Event) v);
    requests
        .merge(warmed)
        .merge(failed)
        .process(() -> new Stage(rules, listener, new DedupeSpans(telemetry)), STORE)
        .to(
            (key, value, context) -> Topics.warm(value.priority()).name(),
            Produced.with(Serdes.String(), JsonSerdes.event(Topics.WARM_URGENT)));
  }

  private static final class Stage implements Processor<String, Event, String, WarmRequested> {
    private final DedupeRules rules;
    private final DedupeListener listener;
    private final DedupeSpans spans;
    private ProcessorContext<String, WarmRequested> context;
    private KeyValueStore<String, VersionState> store;

    Stage(DedupeRules rules, DedupeListener listener, DedupeSpans spans) {
      this.rules = rules;
      this.listener = listener;
      this.spans = spans;
    }

    @Override
    public void init(ProcessorContext<String, WarmRequested> context) {
      this.context = context;
      this.store = context.getStateStore(STORE);
      context.schedule(SWEEP_EVERY, PunctuationType.WALL_CLOCK_TIME, this::sweep);
    }

    /** Deletes the states the rules let go; on the stream thread, between records. */
    private void sweep(long wallClockMillis) {
      Instant now = Instant.ofEpochMilli(wallClockMillis);
      List<String> forgotten = new ArrayList<>();
      try (KeyValueIterator<String, VersionState> all = store.all()) {
        while (all.hasNext()) {
          KeyValue<String, VersionState> entry = all.next();
          if (entry.value != null && rules.forgettable(entry.value, now)) {
            forgotten.add(entry.key);
          }
        }
      }
      // Deleted after the walk: a store's iterator need not see its own deletes consistently.
      forgotten.forEach(store::delete);
      if (!forgotten.isEmpty()) {
        LOG.info(
            "dedupe task {}: forgot {} version states past their delays",
            context.taskId(),
            forgotten.size());
      }
    }

    @Override
    public void process(Record<String, Event> record) {
      Event event = record.value();
      if (event == null) {
        return;
      }
      String key = event.ref().key();
      Optional<VersionState> current = Optional.ofNullable(store.get(key));
      if (event instanceof VersionRequested request) {
        Decision decision = rules.onRequest(current, request);
        store.put(key, decision.state());
        Span span = spans.start(record.headers(), request, decision);
        try {
          decision
              .forward()
              .ifPresent(
                  w ->
                      context.forward(
                          record
                              .withKey(key)
                              .withValue(w)
                              .withHeaders(spans.carrying(record.headers(), span))));
        } finally {
          span.end();
        }
        listener.decided(request, decision);
      } else if (event instanceof VersionWarmed w) {
        store.put(key, rules.onWarmed(current, w));
      } else if (event instanceof VersionFailed f) {
        store.put(key, rules.onFailed(current, f));
      }
    }
  }
}
