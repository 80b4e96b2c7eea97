package dev.modmirror.testkit.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The attack tests' helpers can fail: a missing refusal, a leaked secret, a wrong count. */
class EvidenceTest {
  private static final Logger LOG = LoggerFactory.getLogger(EvidenceTest.class);

  @Test
  void aLoggedSecretOrAMissingRefusalFailsTheCheck() {
    try (CapturedLogs logs = CapturedLogs.start()) {
      LOG.warn("refused bad-signature for hook", new IllegalStateException("token tok-123"));
      logs.assertRefusalLoggedWithout(List.of("refused", "bad-signature"), List.of("s3cret"));
      assertThatThrownBy(
              () -> logs.assertRefusalLoggedWithout(List.of("refused"), List.of("tok-123")))
          .as("a secret in a throwable's message")
          .isInstanceOf(AssertionError.class);
      assertThatThrownBy(
              () -> logs.assertRefusalLoggedWithout(List.of("refused", "duplicate"), List.of("x")))
          .as("no line has every part")
          .isInstanceOf(AssertionError.class);
    }
  }

  @Test
  void sumsOnlyThePointsWhoseAttributesMatch() {
    InMemoryMetricReader reader = InMemoryMetricReader.create();
    try (SdkMeterProvider provider =
        SdkMeterProvider.builder().registerMetricReader(reader).build()) {
      var counter = provider.get("test").counterBuilder("attacks.refused").build();
      AttributeKey<String> reason = AttributeKey.stringKey("reason");
      AttributeKey<String> source = AttributeKey.stringKey("source");
      counter.add(2, Attributes.of(reason, "role", source, "a"));
      counter.add(3, Attributes.of(reason, "role", source, "b"));
      counter.add(7, Attributes.of(reason, "missing", source, "a"));
      var metrics = reader.collectAllMetrics();
      assertThat(Counters.sum(metrics, "attacks.refused", Map.of("reason", "role"))).isEqualTo(5);
      assertThat(Counters.sum(metrics, "attacks.refused", Map.of("reason", "role", "source", "a")))
          .isEqualTo(2);
      assertThat(Counters.sum(metrics, "attacks.refused", Map.of())).isEqualTo(12);
      assertThat(Counters.sum(metrics, "other", Map.of())).isZero();
    }
  }
}
