package dev.modmirror.core.event;

import java.util.List;
import java.util.Map;

/**
 * The one owner of topic names. Names carry the schema generation so a breaking change is a new
 * topic.
 */
public final class Topics {
  private Topics() {}

  public static final Topic<VersionRequested> REQUESTS =
      new Topic<>("modmirror.requests.v1", VersionRequested.class);
  public static final Topic<VersionWarmed> WARMED =
      new Topic<>("modmirror.warmed.v1", VersionWarmed.class);
  public static final Topic<VersionFailed> FAILED =
      new Topic<>("modmirror.failed.v1", VersionFailed.class);
  public static final Topic<RegionReplicated> REPLICATED =
      new Topic<>("modmirror.replicated.v1", RegionReplicated.class);

  /** Deduplicated requests, one topic per lane: see {@link #warm(WarmPriority)}. */
  public static final Topic<WarmRequested> WARM_URGENT =
      new Topic<>("modmirror.warm.urgent.v1", WarmRequested.class);

  public static final Topic<WarmRequested> WARM_NIGHTLY =
      new Topic<>("modmirror.warm.nightly.v1", WarmRequested.class);
  public static final Topic<WarmRequested> WARM_BACKFILL =
      new Topic<>("modmirror.warm.backfill.v1", WarmRequested.class);

  /** What proxies in front of the mirror were asked for; counted by the demand topology. */
  public static final Topic<DemandObserved> DEMAND =
      new Topic<>("modmirror.demand.v1", DemandObserved.class);

  /**
   * The index feed follower's position, compacted, one partition, key = feed name: written in the
   * same Kafka transaction as the page's requests, so it never runs ahead of or behind them.
   */
  public static final String INDEX_CHECKPOINTS = "modmirror.ingest.index-checkpoints.v1";

  /**
   * Webhook deliveries already handled, compacted, key = {@code provider:delivery id}, so that a
   * redelivery publishes nothing, across restarts and replicas.
   */
  public static final String WEBHOOK_DELIVERIES = "modmirror.ingest.webhook-deliveries.v1";

  /**
   * Branch pushes whose go.mod files are still to be read ({@code BranchFetch} as JSON, key = the
   * repository): the webhook is answered once the fetch is stored here, and the ingest replicas'
   * shared group reads them, so a fetch queued before a crash is still done.
   */
  public static final String BRANCH_FETCHES = "modmirror.ingest.branch-fetches.v1";

  private static final Map<WarmPriority, Topic<WarmRequested>> WARM =
      Map.of(
          WarmPriority.URGENT, WARM_URGENT,
          WarmPriority.NIGHTLY, WARM_NIGHTLY,
          WarmPriority.BACKFILL, WARM_BACKFILL);

  /** The warm topic of a lane. */
  public static Topic<WarmRequested> warm(WarmPriority priority) {
    return WARM.get(priority);
  }

  /** The warm topics, most urgent first. */
  public static List<Topic<WarmRequested>> warmLanes() {
    return List.of(WARM_URGENT, WARM_NIGHTLY, WARM_BACKFILL);
  }

  /** A store refused bytes that differ from the version it holds: security events to alert on. */
  public static final Topic<VersionConflict> CONFLICTS =
      new Topic<>("modmirror.conflicts.v1", VersionConflict.class);

  /** Every repair a reconcile run made in a region. */
  public static final Topic<RegionReconciled> RECONCILED =
      new Topic<>("modmirror.reconciled.v1", RegionReconciled.class);

  /** Versions purged (or un-purged) on purpose by an operator. */
  public static final Topic<VersionPurged> PURGED =
      new Topic<>("modmirror.purged.v1", VersionPurged.class);

  /** Records that could not be read or handled, with the error in headers. Raw bytes. */
  public static final String DEAD_LETTER = "modmirror.dead-letter.v1";

  /**
   * The retry topic of one retry scope ({@link Consumption#retryScope()}: a consumer group, or one
   * lane of it) for one backoff tier ({@link RetryPolicy#tiers()}): records copied there wait out
   * their delay without holding back their source partition. Each scope has its own, so a region's
   * retries never delay another region's, nor a backfill's retries an urgent lane's. Raw records,
   * as on their source topic, with the attempt and due time in headers.
   */
  public static String retry(String scope, int tier) {
    if (tier < 1) {
      throw new IllegalArgumentException("retry tiers start at 1, got " + tier);
    }
    return "modmirror.retry.v1." + scope + "." + tier;
  }

  /** Every typed topic, for creating them at start-up. */
  public static List<Topic<?>> all() {
    return List.of(
        REQUESTS,
        WARMED,
        FAILED,
        REPLICATED,
        CONFLICTS,
        RECONCILED,
        PURGED,
        WARM_URGENT,
        WARM_NIGHTLY,
        WARM_BACKFILL,
        DEMAND);
  }
}
