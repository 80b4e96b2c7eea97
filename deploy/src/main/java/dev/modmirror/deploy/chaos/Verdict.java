package dev.modmirror.deploy.chaos;

import java.util.List;

/**
 * What the invariants found after a run. Each count is of module versions (or poison records, or
 * records behind), never of events, so one broken version counts once per kind.
 *
 * @param versions versions requested
 * @param warmed versions with a {@code VersionWarmed}
 * @param failed versions with a {@code VersionFailed}
 * @param failedUnexplained failed versions whose upstream never served them corrupted bytes (their
 *     retries ran out under the injected faults): a recorded reason, so not lost, but named
 * @param unexplained the first of those failures, one line each: the version and each failure's
 *     status, kind and reason, so that a run's report says why they failed
 * @param lost requested versions without a terminal outcome, plus warmed versions missing (no
 *     {@code .info}) from the primary or a region
 * @param duplicated versions written twice ({@code STORED} or {@code REPAIRED} more than once) or
 *     both warmed and failed
 * @param partial versions with objects but no {@code .info}, an {@code .info} without its {@code
 *     .mod} or {@code .zip}, or named by an {@code @v/list} without {@code .info}, per bucket
 * @param corruptStored stored objects whose bytes or recorded hashes are not the upstream's true
 *     ones, objects of versions nobody requested, and outcome events announcing another h1
 * @param poisonMissing poison records some reading group did not dead-letter
 * @param lag records not yet handled by the services' consumer groups
 * @param problems the first problems found, one line each
 */
record Verdict(
    int versions,
    int warmed,
    int failed,
    int failedUnexplained,
    List<String> unexplained,
    int lost,
    int duplicated,
    int partial,
    int corruptStored,
    int poisonMissing,
    long lag,
    List<String> problems) {
  Verdict {
    unexplained = List.copyOf(unexplained);
    problems = List.copyOf(problems);
  }

  /** True when every invariant held. */
  boolean clean() {
    return lost == 0
        && duplicated == 0
        && partial == 0
        && corruptStored == 0
        && poisonMissing == 0
        && lag == 0;
  }
}
