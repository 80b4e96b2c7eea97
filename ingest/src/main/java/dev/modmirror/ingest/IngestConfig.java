package dev.modmirror.ingest;

import dev.modmirror.core.config.Settings;
import dev.modmirror.core.dedupe.DedupeRules;
import dev.modmirror.ingest.demand.AccessLogLine;
import dev.modmirror.ingest.index.IndexSettings;
import dev.modmirror.ingest.nightly.PrefetchSettings;
import dev.modmirror.ingest.webhook.WebhookSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The ingest service's settings (every one in docs/configuration.md).
 *
 * @param httpHost the address the HTTP endpoints listen on
 * @param httpPort their port (0: any free port)
 * @param applicationId the Kafka Streams application id shared by every ingest replica
 * @param stateDir where the streams keep their stores
 * @param instanceId a stable id of this replica for static group membership, or empty
 * @param demandWindow the sliding window demand is counted over
 * @param demandPrefix the proxies' base path, stripped from request paths before reading them
 * @param accessLogs access logs to follow
 * @param accessLogFormat how to read them
 */
public record IngestConfig(
    IndexSettings index,
    WebhookSettings webhooks,
    PrefetchSettings prefetch,
    DedupeRules dedupe,
    String httpHost,
    int httpPort,
    String applicationId,
    Path stateDir,
    Optional<String> instanceId,
    Duration demandWindow,
    String demandPrefix,
    List<Path> accessLogs,
    AccessLogLine.Format accessLogFormat) {
  public IngestConfig {
    Objects.requireNonNull(index, "index");
    Objects.requireNonNull(webhooks, "webhooks");
    Objects.requireNonNull(prefetch, "prefetch");
    Objects.requireNonNull(dedupe, "dedupe");
    accessLogs = List.copyOf(accessLogs);
  }

  /** The same settings with another index follower's. */
  public IngestConfig withIndex(IndexSettings other) {
    return new IngestConfig(
        other,
        webhooks,
        prefetch,
        dedupe,
        httpHost,
        httpPort,
        applicationId,
        stateDir,
        instanceId,
        demandWindow,
        demandPrefix,
        accessLogs,
        accessLogFormat);
  }

  /**
   * Reads {@code MODMIRROR_INGEST_*}, {@code MODMIRROR_WEBHOOK_*}, {@code MODMIRROR_PREFETCH_*}.
   */
  public static IngestConfig from(Settings s) {
    List<Path> logs = new ArrayList<>();
    s.list("MODMIRROR_DEMAND_ACCESS_LOGS", List.of()).forEach(p -> logs.add(Path.of(p)));
    AccessLogLine.Format format = AccessLogLine.Format.AUTO;
    String formatName = s.string("MODMIRROR_DEMAND_LOG_FORMAT", "auto");
    try {
      format = AccessLogLine.Format.valueOf(formatName.toUpperCase(java.util.Locale.ROOT));
    } catch (IllegalArgumentException e) {
      s.problem("MODMIRROR_DEMAND_LOG_FORMAT: '" + formatName + "' is not nginx, athens or auto");
    }
    return new IngestConfig(
        IndexSettings.from(s),
        WebhookSettings.from(s),
        PrefetchSettings.from(s),
        new DedupeRules(
            s.duration("MODMIRROR_DEDUPE_RETRY_AFTER", DedupeRules.DEFAULT_RETRY_AFTER),
            s.duration("MODMIRROR_DEDUPE_STALE_AFTER", DedupeRules.DEFAULT_STALE_AFTER),
            s.duration(
                "MODMIRROR_DEDUPE_FORGET_WARMED_AFTER", DedupeRules.DEFAULT_FORGET_WARMED_AFTER)),
        s.string("MODMIRROR_INGEST_HTTP_HOST", "0.0.0.0"),
        s.integer("MODMIRROR_INGEST_HTTP_PORT", 8080, 0, 65535),
        s.string("MODMIRROR_INGEST_APPLICATION_ID", "modmirror-ingest"),
        s.path(
            "MODMIRROR_INGEST_STATE_DIR",
            Path.of(System.getProperty("java.io.tmpdir"), "modmirror-ingest-state")),
        s.raw("MODMIRROR_INGEST_INSTANCE_ID"),
        s.duration("MODMIRROR_DEMAND_WINDOW", Duration.ofDays(7)),
        s.string("MODMIRROR_DEMAND_PATH_PREFIX", ""),
        logs,
        format);
  }
}
