package dev.modmirror.adapters.telemetry;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.opentelemetry.sdk.trace.samplers.SamplingDecision;
import io.opentelemetry.sdk.trace.samplers.SamplingResult;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Sampling that keeps every failure. A head sampler decides when a trace starts, before anyone
 * knows whether it will fail; so a span that the configured sampler drops is recorded anyway (not
 * sampled, so the batch exporters ignore it and nothing propagates as sampled), and if it ends with
 * an error status it is exported on its own. The failed step thus always reaches the backend with
 * its exception, module and version; the rest of a dropped trace does not. Whole failed traces need
 * tail sampling in a collector (docs/operations.md: the default is to sample every trace at the
 * head, which needs neither).
 */
final class KeepFailedSpans {
  private KeepFailedSpans() {}

  /** {@code configured}, with its drops turned into record-only. */
  static Sampler sampler(Sampler configured) {
    return new Sampler() {
      @Override
      public SamplingResult shouldSample(
          Context parent,
          String traceId,
          String name,
          SpanKind kind,
          Attributes attributes,
          List<LinkData> links) {
        SamplingResult result =
            configured.shouldSample(parent, traceId, name, kind, attributes, links);
        return result.getDecision() == SamplingDecision.DROP
            ? SamplingResult.create(SamplingDecision.RECORD_ONLY, result.getAttributes())
            : result;
      }

      @Override
      public String getDescription() {
        return "KeepFailedSpans{" + configured.getDescription() + "}";
      }
    };
  }

  /** Exports a recorded but unsampled span that ended in error to every configured exporter. */
  static SpanProcessor exportTo(List<SpanExporter> exporters) {
    Set<CompletableResultCode> pending = ConcurrentHashMap.newKeySet();
    return new SpanProcessor() {
      @Override
      public void onStart(Context parentContext, ReadWriteSpan span) {}

      @Override
      public boolean isStartRequired() {
        return false;
      }

      @Override
      public void onEnd(ReadableSpan span) {
        if (!span.getSpanContext().isSampled()) {
          var data = span.toSpanData();
          if (data.getStatus().getStatusCode() == StatusCode.ERROR) {
            // Never throws on the hot path: exporters report failures in their result.
            for (SpanExporter exporter : exporters) {
              CompletableResultCode result = exporter.export(List.of(data));
              pending.add(result);
              result.whenComplete(() -> pending.remove(result));
            }
          }
        }
      }

      @Override
      public boolean isEndRequired() {
        return true;
      }

      @Override
      public CompletableResultCode forceFlush() {
        return CompletableResultCode.ofAll(List.copyOf(pending));
      }

      @Override
      public CompletableResultCode shutdown() {
        return forceFlush();
      }
    };
  }
}
