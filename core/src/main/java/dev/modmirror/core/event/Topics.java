package dev.modmirror.core.event;

import java.util.List;

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

  /** Records that could not be read or handled, with the error in headers. Raw bytes. */
  public static final String DEAD_LETTER = "modmirror.dead-letter.v1";

  /** Every typed topic, for creating them at start-up. */
  public static List<Topic<?>> all() {
    return List.of(REQUESTS, WARMED, FAILED, REPLICATED);
  }
}
