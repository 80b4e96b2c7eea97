package dev.modmirror.adapters.kafka;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.api.metrics.ObservableLongGauge;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One subscription's meters: records in flight, lag per topic (records fetched or still on the
 * broker that are not yet done), and retries queued. Updated by the poll and worker threads; read
 * by the metric reader. Closing removes the gauges.
 */
final class ConsumerMetrics implements AutoCloseable {
  static final AttributeKey<String> GROUP = AttributeKey.stringKey("messaging.consumer.group.name");
  static final AttributeKey<String> TOPIC = AttributeKey.stringKey("messaging.destination.name");
  // One series per subscription: several in one group and process (the warmer's lanes) must not
  // report over each other.
  static final AttributeKey<String> CLIENT = AttributeKey.stringKey("messaging.client.id");
  static final AttributeKey<Long> ATTEMPT = AttributeKey.longKey("modmirror.attempt");

  private final String group;
  private final AtomicInteger inFlight = new AtomicInteger();
  private final Map<String, Long> lag = new ConcurrentHashMap<>();
  private final LongCounter retries;
  private final ObservableLongGauge inFlightGauge;
  private final ObservableLongGauge lagGauge;

  ConsumerMetrics(Meter meter, String group, String client) {
    this.group = group;
    Attributes subscription = Attributes.of(GROUP, group, CLIENT, client);
    this.inFlightGauge =
        meter
            .gaugeBuilder("modmirror.consumer.in_flight")
            .ofLongs()
            .setDescription("Records being worked on by this subscription")
            .setUnit("{record}")
            .buildWithCallback(m -> m.record(inFlight.get(), subscription));
    this.lagGauge =
        meter
            .gaugeBuilder("modmirror.consumer.lag")
            .ofLongs()
            .setDescription("Records of the assigned partitions not yet done, per topic")
            .setUnit("{record}")
            .buildWithCallback(
                m ->
                    lag.forEach(
                        (topic, n) ->
                            m.record(n, subscription.toBuilder().put(TOPIC, topic).build())));
    this.retries =
        meter
            .counterBuilder("modmirror.consumer.retries")
            .setDescription("Records copied to a retry topic to be worked on again later")
            .setUnit("{record}")
            .build();
  }

  void inFlight(int count) {
    inFlight.set(count);
  }

  /** Replaces the lag figures with {@code byTopic}. */
  void lag(Map<String, Long> byTopic) {
    lag.keySet().retainAll(byTopic.keySet());
    lag.putAll(byTopic);
  }

  void retried(String sourceTopic, int failedAttempt) {
    retries.add(1, Attributes.of(GROUP, group, TOPIC, sourceTopic, ATTEMPT, (long) failedAttempt));
  }

  @Override
  public void close() {
    inFlightGauge.close();
    lagGauge.close();
  }
}
