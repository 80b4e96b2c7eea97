package dev.modmirror.deploy.chaos;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a chaos run prints: the fault table, the invariants' counts and first problems, and the
 * closing {@code RESULT chaos …} line.
 *
 * @param settled whether every request ended within the settle time
 * @param reconcile what reconcile did ({@code exit 0}, or why it did not run)
 * @param bySource requests accepted per source
 * @param openAtStop requests (canaries included) not ended when the load stopped: what the mirror
 *     had not caught up with
 * @param settleSeconds from the load's stop until every request had ended; -1 if they did not
 * @param exits the services' exits nobody asked for, each with its reason and its kept log
 */
record ChaosReport(
    ChaosSettings settings,
    Verdict verdict,
    FaultLog faults,
    boolean settled,
    String reconcile,
    Map<String, Long> bySource,
    Duration took,
    long openAtStop,
    double settleSeconds,
    List<UnexpectedExits.Exit> exits) {

  /** True when every invariant held and every recovery came within the bound. */
  boolean passed() {
    return verdict.clean() && faults.late() == 0;
  }

  String text() {
    StringBuilder t = new StringBuilder();
    t.append(faults.table()).append('\n');
    t.append(
        String.format(
            Locale.ROOT,
            "first canary (no fault yet) %s s; %d recoveries, %d not within the %.0f s bound"
                + " (%d never came)%n",
            FaultLog.seconds(faults.baseline()),
            faults.recoveries(),
            faults.late(),
            faults.boundSeconds(),
            faults.never()));
    t.append(
        String.format(
            Locale.ROOT,
            "requests by source: %s; settled: %s; reconcile: %s; took %ds%n",
            bySource,
            settled,
            reconcile,
            took.toSeconds()));
    t.append(
        String.format(
            Locale.ROOT,
            "when the load stopped %d requests had not ended; the last ended %s s later%n",
            openAtStop,
            settleSeconds < 0 ? "never" : String.format(Locale.ROOT, "%.0f", settleSeconds)));
    t.append(
        String.format(
            Locale.ROOT,
            "versions %d: warmed %d, failed %d (not explained by a corrupted answer: %d)%n",
            verdict.versions(),
            verdict.warmed(),
            verdict.failed(),
            verdict.failedUnexplained()));
    verdict.unexplained().forEach(f -> t.append("failed, unexplained: ").append(f).append('\n'));
    verdict.problems().forEach(p -> t.append("problem: ").append(p).append('\n'));
    exits.forEach(e -> t.append(e.describe()).append('\n'));
    return t.toString();
  }

  String resultLine() {
    return String.format(
        Locale.ROOT,
        "RESULT chaos minutes=%s faults=%d versions=%d lost=%d duplicated=%d partial=%d"
            + " corrupt_stored=%d max_recovery_s=%s seed=%d warmed=%d failed=%d"
            + " failed_unexplained=%d poison_missing=%d lag=%d kinds=%d recoveries=%d"
            + " late_recoveries=%d recovery_bound_s=%.0f first_canary_s=%s unexpected_exits=%d",
        minutes(settings.duration()),
        faults.total(),
        verdict.versions(),
        verdict.lost(),
        verdict.duplicated(),
        verdict.partial(),
        verdict.corruptStored(),
        FaultLog.seconds(faults.maxRecovery()),
        settings.seed(),
        verdict.warmed(),
        verdict.failed(),
        verdict.failedUnexplained(),
        verdict.poisonMissing(),
        verdict.lag(),
        faults.kinds().size(),
        faults.recoveries(),
        faults.late(),
        faults.boundSeconds(),
        FaultLog.seconds(faults.baseline()),
        exits.size());
  }

  private static String minutes(Duration d) {
    double m = d.toSeconds() / 60.0;
    return m == Math.rint(m) ? Long.toString((long) m) : String.format(Locale.ROOT, "%.1f", m);
  }
}
