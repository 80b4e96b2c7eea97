package dev.modmirror.fuzz;

import dev.modmirror.gotool.GoOracle;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * Runs generated cases through modmirror's core and the Go oracle and compares: both accept with
 * the same result, both refuse, or modmirror refuses by a documented deliberate rule (counted
 * apart). Anything else is a disagreement: it is shrunk (zip cases), printed as a reproducer and
 * written as a test vector.
 */
public final class Differential {
  private static final int BATCH = 400;

  private final GoOracle oracle;
  private final Ours ours;
  private final PrintStream log;

  public Differential(GoOracle oracle, Path scratch, PrintStream log) {
    this.oracle = oracle;
    this.ours = new Ours(scratch);
    this.log = log;
  }

  /**
   * What a run saw.
   *
   * @param cases cases run
   * @param byKind cases per kind
   * @param accepted cases both sides accepted (with equal results), per kind
   * @param deliberate deliberate refusals per rule
   * @param zip64Lies the outcomes of the zips whose zip64 end records lie ({@link
   *     ZipForge#liesInZip64Records()}): {@code both-accepted}, {@code both-refused}, {@code
   *     deliberate <rule>}, {@code disagree}
   * @param disagreements the shrunk vectors of every disagreement
   */
  public record Report(
      long cases,
      Map<String, Long> byKind,
      Map<String, Long> accepted,
      Map<String, Long> deliberate,
      Map<String, Long> zip64Lies,
      List<Vector> disagreements) {
    public String line() {
      return "cases="
          + cases
          + " disagreements="
          + disagreements.size()
          + " deliberate="
          + deliberate.values().stream().mapToLong(Long::longValue).sum()
          + " by_kind="
          + byKind
          + " both_accepted="
          + accepted
          + " deliberate_by_rule="
          + deliberate
          + " zip64_lies="
          + zip64Lies;
    }
  }

  /**
   * Runs until {@code maxCases} cases or {@code maxTime}, whichever comes first.
   *
   * @param vectorDir where disagreements are written as vector files; null to only print them
   */
  public Report run(long seed, long maxCases, Duration maxTime, Path vectorDir) {
    Generator gen = new Generator(new Random(seed));
    long deadline = System.nanoTime() + maxTime.toNanos();
    long done = 0;
    Map<String, Long> byKind = new TreeMap<>();
    Map<String, Long> accepted = new TreeMap<>();
    Map<String, Long> deliberate = new TreeMap<>();
    Map<String, Long> zip64Lies = new TreeMap<>();
    List<Vector> disagreements = new ArrayList<>();
    while (done < maxCases && System.nanoTime() < deadline) {
      List<Case> batch = new ArrayList<>();
      for (int i = 0; i < BATCH && done + i < maxCases; i++) {
        batch.add(gen.next());
      }
      List<GoOracle.Answer> answers =
          oracle.askAll(batch.stream().map(Differential::query).toList());
      for (int i = 0; i < batch.size(); i++) {
        Case c = batch.get(i);
        byKind.merge(c.kind(), 1L, Long::sum);
        Verdict go = verdict(answers.get(i));
        Verdict mine = ours.judge(c);
        Outcome outcome = compare(go, mine);
        if (c.zip() != null && c.zip().liesInZip64Records()) {
          zip64Lies.merge(label(outcome, go, mine), 1L, Long::sum);
        }
        switch (outcome) {
          case AGREE -> {
            if (go.ok()) {
              accepted.merge(c.kind(), 1L, Long::sum);
            }
          }
          case DELIBERATE -> deliberate.merge(mine.reason(), 1L, Long::sum);
          case DISAGREE -> {
            Vector v = reproduce(c, seed, done + i);
            disagreements.add(v);
            if (vectorDir != null) {
              log.println("written " + v.write(vectorDir, comment(v, seed, done + i)));
            }
          }
        }
      }
      done += batch.size();
    }
    return new Report(done, byKind, accepted, deliberate, zip64Lies, disagreements);
  }

  private static String label(Outcome outcome, Verdict go, Verdict mine) {
    return switch (outcome) {
      case AGREE -> go.ok() ? "both-accepted" : "both-refused";
      case DELIBERATE -> "deliberate " + mine.reason();
      case DISAGREE -> "disagree";
    };
  }

  /** How two verdicts relate. */
  public enum Outcome {
    AGREE,
    DELIBERATE,
    DISAGREE
  }

  /** Equal verdicts agree; a deliberate refusal of what Go accepts is classified as such. */
  public static Outcome compare(Verdict go, Verdict mine) {
    if (go.ok() && mine.ok()) {
      return go.result().equals(mine.result()) ? Outcome.AGREE : Outcome.DISAGREE;
    }
    if (!go.ok() && !mine.ok()) {
      return Outcome.AGREE;
    }
    return go.ok() && mine.deliberate() ? Outcome.DELIBERATE : Outcome.DISAGREE;
  }

  /** modmirror's verdict on a case (for vector replays). */
  public Verdict ours(Case c) {
    return ours.judge(c);
  }

  /** Go's verdict on a case. */
  public Verdict go(Case c) {
    return verdict(oracle.askAll(List.of(query(c))).get(0));
  }

  private Vector reproduce(Case c, long seed, long index) {
    Case small = c.zip() == null ? c : shrink(c);
    Verdict go = go(small);
    Verdict mine = ours.judge(small);
    String name = small.kind() + "-" + Long.toHexString(seed) + "-" + index;
    log.println("DISAGREEMENT " + name + ": go " + go + " / modmirror " + mine);
    if (small.zip() != null) {
      log.print(small.zip().describe());
    }
    return new Vector(name, small, go);
  }

  private Case shrink(Case c) {
    Case best = c;
    boolean progress = true;
    while (progress) {
      progress = false;
      for (UnaryOperator<ZipForge> step : steps(best.zip())) {
        ZipForge candidate = step.apply(best.zip().copy());
        if (candidate == null) {
          continue;
        }
        Case next = Case.zip(best.text(0), best.text(1), candidate);
        if (compare(go(next), ours.judge(next)) == Outcome.DISAGREE) {
          best = next;
          progress = true;
          break;
        }
      }
    }
    return best;
  }

  /** One-lie-less variants of a zip, smallest first. */
  private static List<UnaryOperator<ZipForge>> steps(ZipForge z) {
    List<UnaryOperator<ZipForge>> s = new ArrayList<>();
    for (int i = 0; i < z.entries.size(); i++) {
      int k = i;
      s.add(
          f -> {
            f.entries.remove(k);
            return f;
          });
    }
    for (int i = 0; i < z.decoys.size(); i++) {
      int k = i;
      s.add(
          f -> {
            f.decoys.remove(k);
            return f;
          });
    }
    s.add(f -> f.prefix.length == 0 ? null : set(f, () -> f.prefix = new byte[0]));
    s.add(f -> f.gap.length == 0 ? null : set(f, () -> f.gap = new byte[0]));
    s.add(f -> f.eocdCount == null ? null : set(f, () -> f.eocdCount = null));
    s.add(f -> f.eocdSize == null ? null : set(f, () -> f.eocdSize = null));
    s.add(f -> f.eocdOffset == null ? null : set(f, () -> f.eocdOffset = null));
    s.add(f -> f.zip64 == ZipForge.Zip64.NONE ? null : set(f, () -> f.zip64 = ZipForge.Zip64.NONE));
    s.add(f -> f.comment.length == 0 ? null : set(f, () -> f.comment = new byte[0]));
    s.add(f -> f.commentLenDelta == 0 ? null : set(f, () -> f.commentLenDelta = 0));
    s.add(f -> f.truncate == 0 ? null : set(f, () -> f.truncate = 0));
    s.add(f -> f.zip64CountDelta == 0 ? null : set(f, () -> f.zip64CountDelta = 0));
    s.add(f -> f.shadow == null ? null : set(f, () -> f.shadow = null));
    for (int i = 0; i < z.entries.size(); i++) {
      int k = i;
      s.add(
          f ->
              f.entries.get(k).content.length == 0
                  ? null
                  : set(f, () -> f.entries.get(k).content = new byte[0]));
      s.add(
          f ->
              f.entries.get(k).content.length < 2
                  ? null
                  : set(
                      f,
                      () ->
                          f.entries.get(k).content =
                              java.util.Arrays.copyOf(
                                  f.entries.get(k).content, f.entries.get(k).content.length / 2)));
      s.add(f -> resetEntry(f.entries.get(k)) ? f : null);
    }
    return s;
  }

  /** Undoes the first lie of an entry; false if it told none. */
  private static boolean resetEntry(ZipForge.Entry e) {
    ZipForge.Entry honest = new ZipForge.Entry("", new byte[0]);
    if (e.descriptor != honest.descriptor) {
      e.descriptor = honest.descriptor;
      return true;
    }
    if (e.crc != null) {
      e.crc = null;
      return true;
    }
    if (e.descriptorCrc != null) {
      e.descriptorCrc = null;
      return true;
    }
    if (e.usize != null) {
      e.usize = null;
      return true;
    }
    if (e.csize != null) {
      e.csize = null;
      return true;
    }
    if (e.localName != null) {
      e.localName = null;
      return true;
    }
    if (e.localMethod != null) {
      e.localMethod = null;
      return true;
    }
    if (e.localCrc != null) {
      e.localCrc = null;
      return true;
    }
    if (e.cdExtra.length > 0) {
      e.cdExtra = new byte[0];
      return true;
    }
    if (e.zip64Extra) {
      e.zip64Extra = false;
      return true;
    }
    if (e.corruptData) {
      e.corruptData = false;
      return true;
    }
    if (e.flags != 0) {
      e.flags = 0;
      return true;
    }
    if (e.method != 8 && e.method != 0) {
      e.method = 8;
      return true;
    }
    if (e.madeBy != honest.madeBy || e.external != honest.external) {
      e.madeBy = honest.madeBy;
      e.external = honest.external;
      return true;
    }
    return false;
  }

  private static ZipForge set(ZipForge f, Runnable change) {
    change.run();
    return f;
  }

  private static String comment(Vector v, long seed, long index) {
    String s = "found by the differential fuzzer, seed " + seed + ", case " + index;
    return v.c().zip() == null ? s : s + "\n" + v.c().zip().describe().stripTrailing();
  }

  static GoOracle.Query query(Case c) {
    return new GoOracle.Query(c.kind(), c.args());
  }

  static Verdict verdict(GoOracle.Answer a) {
    return a.ok() ? Verdict.accept(String.join(" ", a.results())) : Verdict.refuse(a.error());
  }
}
