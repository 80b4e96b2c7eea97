package dev.modmirror.deploy.chaos;

import dev.modmirror.core.event.FailureStatus;
import dev.modmirror.core.event.VersionFailed;
import dev.modmirror.core.event.VersionWarmed;
import dev.modmirror.core.event.WarmOutcome;
import dev.modmirror.core.module.ModuleRef;
import dev.modmirror.core.store.Artifact;
import dev.modmirror.core.store.ObjectKeys;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The invariants of a chaos run, computed only from what was read back: the buckets' objects, the
 * outcome and dead-letter topics, the groups' lag. Pure: {@code ChaosInvariantsTest} feeds it
 * broken states and each check must report them.
 */
final class ChaosInvariants {
  /** Problems kept for the report; the counts cover all of them. */
  private static final int MAX_PROBLEMS = 40;

  /** Metadata names of the hashes recorded with an {@code .info} (as {@code MinioModuleStore}). */
  static final String H1_META = "modmirror-h1";

  static final String GOMOD_H1_META = "modmirror-gomod-h1";

  private final Map<ModuleRef, Expected> catalog;
  private final Map<String, ModuleRef> byVersionKey = new HashMap<>();
  private final List<String> problems = new ArrayList<>();
  private int problemCount;

  private ChaosInvariants(Map<ModuleRef, Expected> catalog) {
    this.catalog = catalog;
    catalog.keySet().forEach(ref -> byVersionKey.put(versionKey(ref), ref));
  }

  /**
   * Checks every invariant.
   *
   * @param catalog every version the upstream serves, with its true hashes
   * @param requested the versions whose request was accepted by a source
   * @param corrupted the versions the upstream served corrupted bytes for at least once
   * @param buckets the primary and every region, read back
   * @param lag records behind, per consumer group
   */
  static Verdict check(
      Map<ModuleRef, Expected> catalog,
      Set<ModuleRef> requested,
      Set<ModuleRef> corrupted,
      Outcomes outcomes,
      List<BucketContents> buckets,
      List<Poison> poison,
      Map<String, Long> lag) {
    return new ChaosInvariants(catalog).run(requested, corrupted, outcomes, buckets, poison, lag);
  }

  private Verdict run(
      Set<ModuleRef> requested,
      Set<ModuleRef> corrupted,
      Outcomes outcomes,
      List<BucketContents> buckets,
      List<Poison> poison,
      Map<String, Long> lag) {
    Set<ModuleRef> lost = new LinkedHashSet<>();
    Set<ModuleRef> duplicated = new LinkedHashSet<>();
    Set<String> partial = new LinkedHashSet<>();
    Set<String> corrupt = new LinkedHashSet<>();
    int failedUnexplained = 0;
    List<String> unexplained = new ArrayList<>();
    for (ModuleRef ref : requested) {
      if (outcomes.warmed(ref).isEmpty() && outcomes.failed(ref).isEmpty()) {
        lost.add(ref);
        problem(ref + ": requested, no terminal outcome");
      }
    }
    Set<ModuleRef> ended = new LinkedHashSet<>(outcomes.warmedRefs());
    ended.addAll(outcomes.failedRefs());
    for (ModuleRef ref : ended) {
      List<VersionWarmed> warmed = outcomes.warmed(ref);
      List<VersionFailed> failed = outcomes.failed(ref);
      long writes =
          warmed.stream()
              .filter(w -> w.outcome() == WarmOutcome.STORED || w.outcome() == WarmOutcome.REPAIRED)
              .count();
      boolean both = !warmed.isEmpty() && !failed.isEmpty();
      if (writes > 1 || (both && !superseded(failed, warmed, corrupted.contains(ref)))) {
        duplicated.add(ref);
        problem(
            ref
                + ": "
                + writes
                + " writes, "
                + warmed.size()
                + " warmed, "
                + failed.size()
                + " failed outcomes");
      }
      Expected expected = catalog.get(ref);
      for (VersionWarmed w : warmed) {
        if (expected == null
            || !w.h1().equals(expected.h1())
            || !w.goModH1().equals(expected.goModH1())) {
          corrupt.add("event " + ref);
          problem(
              ref
                  + ": warmed with h1 "
                  + w.h1()
                  + ", the upstream's is "
                  + (expected == null ? "unknown" : expected.h1()));
        }
      }
      if (warmed.isEmpty() && !failed.isEmpty() && unexplained(failed, corrupted.contains(ref))) {
        failedUnexplained++;
        if (unexplained.size() < MAX_PROBLEMS) {
          unexplained.add(ref + ": " + describe(failed));
        }
      }
    }
    for (BucketContents bucket : buckets) {
      checkBucket(bucket, outcomes.warmedRefs(), lost, partial, corrupt);
    }
    int poisonMissing = poisonMissing(poison, outcomes);
    long behind = lag.values().stream().mapToLong(Long::longValue).sum();
    lag.forEach(
        (group, records) -> {
          if (records > 0) {
            problem("group " + group + ": " + records + " records not handled");
          }
        });
    return new Verdict(
        requested.size(),
        outcomes.warmedRefs().size(),
        outcomes.failedRefs().size(),
        failedUnexplained,
        unexplained,
        lost.size(),
        duplicated.size(),
        partial.size(),
        corrupt.size(),
        poisonMissing,
        behind,
        problems);
  }

  /** Each failure of a version as its status, error kind and reason, in the order recorded. */
  private static String describe(List<VersionFailed> failed) {
    StringBuilder out = new StringBuilder();
    for (VersionFailed f : failed) {
      if (out.length() > 0) {
        out.append("; ");
      }
      out.append(f.status()).append(' ').append(f.errorKind()).append(": ").append(f.reason());
    }
    return out.toString();
  }

  /**
   * True if every failure came before the first warmed outcome and is explained by a broken
   * upstream answer: the dedupe stage forwards a second request while the first is in flight when
   * it comes from a faster lane ("upgraded"), so one attempt may meet a corrupted answer and fail
   * while the other reads good bytes and warms (seen in the 30-minute run of seed 1796042259631).
   * Each request then ended in one outcome of its own. A failure after the version was warmed, or
   * one no fault explains, stays a duplicate.
   */
  private static boolean superseded(
      List<VersionFailed> failed, List<VersionWarmed> warmed, boolean wasCorrupted) {
    java.time.Instant firstWarmed =
        warmed.stream().map(VersionWarmed::warmedAt).min(java.util.Comparator.naturalOrder()).get();
    return !unexplained(failed, wasCorrupted)
        && failed.stream().allMatch(f -> f.failedAt().isBefore(firstWarmed));
  }

  /** A failure the faults do not explain: not a corrupted version refused by verification. */
  private static boolean unexplained(List<VersionFailed> failed, boolean wasCorrupted) {
    return failed.stream().anyMatch(f -> f.status() != FailureStatus.FAILED || !wasCorrupted);
  }

  private void checkBucket(
      BucketContents bucket,
      Set<ModuleRef> warmed,
      Set<ModuleRef> lost,
      Set<String> partial,
      Set<String> corrupt) {
    Map<String, Map<Artifact, StoredObject>> versions = new HashMap<>();
    for (StoredObject object : bucket.objects().values()) {
      String key = object.key();
      if (key.startsWith(ObjectKeys.OWN_PREFIX) || key.endsWith("/@v/list")) {
        continue;
      }
      Artifact artifact = artifactOf(key);
      if (artifact == null) {
        corrupt.add(bucket.name() + " " + key);
        problem(bucket.name() + ": " + key + " is no object of a GOPROXY tree");
        continue;
      }
      String versionKey = key.substring(0, key.length() - artifact.extension().length());
      versions.computeIfAbsent(versionKey, k -> new HashMap<>()).put(artifact, object);
    }
    versions.forEach(
        (versionKey, files) -> checkVersion(bucket, versionKey, files, partial, corrupt));
    for (ModuleRef ref : warmed) {
      if (!versions.getOrDefault(versionKey(ref), Map.of()).containsKey(Artifact.INFO)) {
        lost.add(ref);
        problem(bucket.name() + ": " + ref + " was warmed and has no .info here");
      }
    }
    bucket
        .lists()
        .forEach(
            (prefix, text) ->
                text.lines()
                    .filter(line -> !line.isBlank())
                    .forEach(
                        version -> {
                          String versionKey = prefix + version;
                          if (!versions
                              .getOrDefault(versionKey, Map.of())
                              .containsKey(Artifact.INFO)) {
                            partial.add(bucket.name() + " list " + versionKey);
                            problem(
                                bucket.name()
                                    + ": "
                                    + prefix
                                    + "list names "
                                    + version
                                    + ", which has no .info");
                          }
                        }));
  }

  private void checkVersion(
      BucketContents bucket,
      String versionKey,
      Map<Artifact, StoredObject> files,
      Set<String> partial,
      Set<String> corrupt) {
    String where = bucket.name() + " " + versionKey;
    boolean info = files.containsKey(Artifact.INFO);
    if (info != files.containsKey(Artifact.MOD) || info != files.containsKey(Artifact.ZIP)) {
      partial.add(where);
      problem(bucket.name() + ": " + versionKey + " has only " + files.keySet());
    }
    ModuleRef ref = byVersionKey.get(versionKey);
    if (ref == null) {
      corrupt.add(where);
      problem(bucket.name() + ": " + versionKey + " is no version the upstream serves");
      return;
    }
    Expected expected = catalog.get(ref);
    files.forEach(
        (artifact, object) -> {
          if (!object.sha256().equals(sha256(expected, artifact))) {
            corrupt.add(where);
            problem(bucket.name() + ": " + object.key() + " holds other bytes than the upstream's");
          }
        });
    StoredObject infoObject = files.get(Artifact.INFO);
    if (infoObject != null
        && (!expected.h1().equals(infoObject.metadata().get(H1_META))
            || !expected.goModH1().equals(infoObject.metadata().get(GOMOD_H1_META)))) {
      corrupt.add(where);
      problem(
          bucket.name()
              + ": "
              + infoObject.key()
              + " records hashes "
              + infoObject.metadata()
              + ", not the upstream's");
    }
  }

  /**
   * Poison not handled as the product documents: a consumed topic's not dead-lettered by each group
   * that reads it; an index checkpoint's not followed by a checkpoint of the follower's (it stalled
   * on it). A webhook delivery's needs nothing: its recovery canary is a webhook.
   */
  private int poisonMissing(List<Poison> poison, Outcomes outcomes) {
    Set<Outcomes.DeadLetter> seen = new LinkedHashSet<>(outcomes.deadLetters());
    int missing = 0;
    for (Poison p : poison) {
      if (p.handling() == Poison.Handling.SUPERSEDED) {
        if (outcomes.lastCheckpoint(p.key()) <= p.offset()) {
          missing++;
          problem(
              "poison "
                  + p.key()
                  + " on "
                  + p.topic()
                  + " at offset "
                  + p.offset()
                  + ": no checkpoint written after it (the follower did not go on)");
        }
        continue;
      }
      for (String group : p.groups()) {
        if (!seen.contains(new Outcomes.DeadLetter(p.key(), p.topic(), group))) {
          missing++;
          problem("poison " + p.key() + " on " + p.topic() + " not dead-lettered by " + group);
        }
      }
    }
    return missing;
  }

  /** The key of a version's files without their extension: {@code <module>/@v/<version>}. */
  static String versionKey(ModuleRef ref) {
    String info = ObjectKeys.artifact(ref, Artifact.INFO);
    return info.substring(0, info.length() - Artifact.INFO.extension().length());
  }

  private static String sha256(Expected expected, Artifact artifact) {
    return switch (artifact) {
      case INFO -> expected.infoSha256();
      case MOD -> expected.modSha256();
      case ZIP -> expected.zipSha256();
    };
  }

  private static Artifact artifactOf(String key) {
    if (!key.contains("/@v/")) {
      return null;
    }
    for (Artifact artifact : Artifact.values()) {
      if (key.endsWith(artifact.extension())) {
        return artifact;
      }
    }
    return null;
  }

  private void problem(String line) {
    problemCount++;
    if (problems.size() < MAX_PROBLEMS) {
      problems.add(line);
    }
  }
}
