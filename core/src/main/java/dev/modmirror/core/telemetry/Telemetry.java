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

  /** Which delivery of a request this is: 1, then one more per retry. */
  public static final AttributeKey<Long> ATTEMPT = AttributeKey.longKey("modmirror.attempt");

  /** How a step ended: {@code ok}, or a failure kind. */
  public static final AttributeKey<String> OUTCOME = AttributeKey.stringKey("modmirror.outcome");

  /** What the checksum database check did: off, exempt, or verified:<name>. */
  public static final AttributeKey<String> SUMDB = AttributeKey.stringKey("modmirror.sumdb");

  // Keys of the OpenTelemetry semantic conventions that modmirror's spans and metrics use, typed
  // once here so that no span or metric spells a key as a string.

  /** A metric's outcome: {@code warmed}, {@code ok}, {@code failed}, {@code not_found}, … */
  public static final AttributeKey<String> STATUS = AttributeKey.stringKey("modmirror.status");

  /**
   * An upstream: a pool member by name, or a GOPROXY list as {@code Upstream.describe()} names it;
   * never credentials.
   */
  public static final AttributeKey<String> UPSTREAM = AttributeKey.stringKey("modmirror.upstream");

  /** A module version's file: {@code info}, {@code mod} or {@code zip}. */
  public static final AttributeKey<String> ARTIFACT = AttributeKey.stringKey("modmirror.artifact");

  public static final AttributeKey<String> MESSAGING_SYSTEM =
      AttributeKey.stringKey("messaging.system");
  public static final AttributeKey<String> MESSAGING_DESTINATION =
      AttributeKey.stringKey("messaging.destination.name");
  public static final AttributeKey<String> MESSAGING_OPERATION_TYPE =
      AttributeKey.stringKey("messaging.operation.type");
  public static final AttributeKey<String> MESSAGING_OPERATION_NAME =
      AttributeKey.stringKey("messaging.operation.name");
  public static final AttributeKey<String> MESSAGING_CONSUMER_GROUP =
      AttributeKey.stringKey("messaging.consumer.group.name");
  public static final AttributeKey<String> MESSAGING_PARTITION =
      AttributeKey.stringKey("messaging.destination.partition.id");
  public static final AttributeKey<String> MESSAGING_KAFKA_KEY =
      AttributeKey.stringKey("messaging.kafka.message.key");
  public static final AttributeKey<Long> MESSAGING_KAFKA_OFFSET =
      AttributeKey.longKey("messaging.kafka.offset");

  public static final AttributeKey<String> HTTP_METHOD =
      AttributeKey.stringKey("http.request.method");
  public static final AttributeKey<Long> HTTP_STATUS =
      AttributeKey.longKey("http.response.status_code");
  public static final AttributeKey<String> HTTP_ROUTE = AttributeKey.stringKey("http.route");
  public static final AttributeKey<String> URL_FULL = AttributeKey.stringKey("url.full");
  public static final AttributeKey<String> SERVER_ADDRESS =
      AttributeKey.stringKey("server.address");
  public static final AttributeKey<Long> SERVER_PORT = AttributeKey.longKey("server.port");

  /** The class of a failure (semantic conventions' {@code error.type}). */
  public static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");

  public static final AttributeKey<String> S3_BUCKET = AttributeKey.stringKey("aws.s3.bucket");
  public static final AttributeKey<String> S3_KEY = AttributeKey.stringKey("aws.s3.key");
}
