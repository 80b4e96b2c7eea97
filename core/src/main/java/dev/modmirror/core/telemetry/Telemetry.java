package dev.modmirror.core.telemetry;

import io.opentelemetry.api.common.AttributeKey;

/** Span names, attribute keys and the instrumentation scope of modmirror's own telemetry. */
public final class Telemetry {
  private Telemetry() {}

  /** Instrumentation scope name for tracers and meters. */
  public static final String SCOPE = "dev.modmirror";

  public static final String SPAN_INGEST_PUBLISH = "ingest.publish";
  public static final String SPAN_WARMER_CHECK = "warmer.check";
  public static final String SPAN_WARMER_FETCH = "warmer.fetch";
  public static final String SPAN_WARMER_VERIFY = "warmer.verify";
  public static final String SPAN_WARMER_STORE = "warmer.store";
  public static final String SPAN_WARMER_WARM = "warmer.warm";
  public static final String SPAN_REPLICATOR_COPY = "replicator.copy";

  /** Counter of refused bytes that differ from a stored version, by {@link #STORE}. */
  public static final String METRIC_CONFLICTS = "modmirror.conflicts";

  public static final AttributeKey<String> MODULE = AttributeKey.stringKey("go.module.path");
  public static final AttributeKey<String> VERSION = AttributeKey.stringKey("go.module.version");
  public static final AttributeKey<String> REGION = AttributeKey.stringKey("modmirror.region");
  public static final AttributeKey<String> SOURCE = AttributeKey.stringKey("modmirror.source");

  /** Every source that asked for a version before it was warmed. */
  public static final AttributeKey<java.util.List<String>> SOURCES =
      AttributeKey.stringArrayKey("modmirror.sources");

  /** The warm lane of a request: URGENT, NIGHTLY or BACKFILL. */
  public static final AttributeKey<String> PRIORITY = AttributeKey.stringKey("modmirror.priority");

  public static final AttributeKey<String> ERROR_KIND =
      AttributeKey.stringKey("modmirror.error.kind");
  public static final AttributeKey<String> H1 = AttributeKey.stringKey("go.module.h1");
  public static final AttributeKey<String> INPUT = AttributeKey.stringKey("modmirror.input");
  public static final AttributeKey<String> RULE = AttributeKey.stringKey("modmirror.rule");

  /** Files in a verified module zip (its {@code ZipSummary}). */
  public static final AttributeKey<Long> ZIP_FILES = AttributeKey.longKey("modmirror.zip.files");

  /** Content bytes of a verified module zip, as counted while it was read. */
  public static final AttributeKey<Long> ZIP_UNCOMPRESSED_BYTES =
      AttributeKey.longKey("modmirror.zip.uncompressed_bytes");

  /** What the store held of a version before anything was fetched: absent, intact, damaged. */
  public static final AttributeKey<String> STORED = AttributeKey.stringKey("modmirror.stored");

  /** The name of the store a span or metric is about: {@code primary} or a region. */
  public static final AttributeKey<String> STORE = AttributeKey.stringKey("modmirror.store");

  /** What the checksum database check did: off, exempt, or verified:<name>. */
  public static final AttributeKey<String> SUMDB = AttributeKey.stringKey("modmirror.sumdb");
}
