package dev.modmirror.deploy.dev;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Map;

/**
 * What dev mode reports for one module version; also its {@code --json} form (statuses and region
 * states as their lower-case labels).
 *
 * @param regions region name to its state, read back from the region's bucket
 * @param reason empty when everything is ok
 */
public record VersionReport(
    String module,
    String version,
    Status status,
    String h1,
    String gomodH1,
    Map<String, RegionState> regions,
    String reason,
    String traceId) {

  /** How the version's request ended. */
  public enum Status {
    WARMED("warmed"),
    NOT_FOUND("not-found"),
    /** GONOPROXY/GOPRIVATE: not mirrored. */
    PRIVATE("private"),
    FAILED("failed"),
    /** The version was complete with other bytes: refused, never written. */
    CONFLICT("conflict");

    private final String label;

    Status(String label) {
      this.label = label;
    }

    @JsonValue
    public String label() {
      return label;
    }

    @Override
    public String toString() {
      return label;
    }
  }

  /** A region's copy as read back: only {@code OK} was re-hashed to the warmed hashes. */
  public enum RegionState {
    OK("ok"),
    /** An artifact or the {@code .info} is absent. */
    MISSING("missing"),
    /** Present, but the bytes hash to something else than was warmed. */
    MISMATCH("mismatch"),
    /** The replicator reported the copy failed, and the region does not hold it. */
    FAILED("failed");

    private final String label;

    RegionState(String label) {
      this.label = label;
    }

    @JsonValue
    public String label() {
      return label;
    }

    @Override
    public String toString() {
      return label;
    }
  }

  public VersionReport {
    regions = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(regions));
  }

  /** True when the version is warmed and verified in every region. */
  public boolean complete() {
    return status == Status.WARMED && regions.values().stream().allMatch(RegionState.OK::equals);
  }
}
