package dev.modmirror.testkit.evidence;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.metrics.data.LongPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.data.MetricDataType;
import java.util.Collection;
import java.util.Map;

/** Reads the value of a long counter from collected metrics, summed over matching points. */
public final class Counters {
  private Counters() {}

  /**
   * The sum of counter {@code name}'s points whose attributes hold every entry of {@code
   * attributes} (string-valued; other attributes are ignored); 0 when there is no such point.
   */
  public static long sum(
      Collection<MetricData> metrics, String name, Map<String, String> attributes) {
    long sum = 0;
    for (MetricData m : metrics) {
      if (!m.getName().equals(name) || m.getType() != MetricDataType.LONG_SUM) {
        continue;
      }
      for (LongPointData p : m.getLongSumData().getPoints()) {
        if (attributes.entrySet().stream()
            .allMatch(
                a ->
                    a.getValue()
                        .equals(p.getAttributes().get(AttributeKey.stringKey(a.getKey()))))) {
          sum += p.getValue();
        }
      }
    }
    return sum;
  }

  /** Every metric with every point and attribute as one string, to look for a secret in. */
  public static String exported(Collection<MetricData> metrics) {
    return metrics.toString();
  }
}
