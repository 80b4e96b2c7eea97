package dev.modmirror.deploy.doctor;

import dev.modmirror.adapters.probe.Probe;

/**
 * One row of the doctor's report.
 *
 * @param check what was checked, e.g. {@code kafka}, {@code s3 region eu-west}
 * @param status {@code ok}, {@code unreachable} or {@code failed}
 * @param latencyMillis how long the check took
 */
public record CheckResult(
    String check, String status, long latencyMillis, String detail, String hint) {

  static CheckResult of(String check, Probe probe, long latencyMillis) {
    return new CheckResult(
        check,
        probe.status().name().toLowerCase(java.util.Locale.ROOT),
        latencyMillis,
        probe.detail(),
        probe.hint());
  }

  public boolean ok() {
    return status.equals("ok");
  }
}
