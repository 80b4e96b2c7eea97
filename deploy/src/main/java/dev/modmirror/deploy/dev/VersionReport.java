package dev.modmirror.deploy.dev;

import java.util.Map;

/**
 * What dev mode reports for one module version; also its {@code --json} form.
 *
 * @param status {@code warmed}, {@code not-found}, {@code private} (GONOPROXY/GOPRIVATE) or {@code
 *     failed}
 * @param regions region name to {@code ok}, {@code missing}, {@code mismatch} or {@code failed}
 * @param reason empty when everything is ok
 */
public record VersionReport(
    String module,
    String version,
    String status,
    String h1,
    String gomodH1,
    Map<String, String> regions,
    String reason,
    String traceId) {

  public VersionReport {
    regions = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(regions));
  }

  /** True when the version is warmed and verified in every region. */
  public boolean complete() {
    return status.equals("warmed") && regions.values().stream().allMatch("ok"::equals);
  }
}
