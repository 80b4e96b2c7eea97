package dev.modmirror.deploy.chaos;

import java.io.IOException;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a child JVM keeps alive, class by class: {@code jcmd <pid> GC.class_histogram}, which runs a
 * full collection first, so its total is the live heap (a young collection's "after" still holds
 * the old generation's garbage, and with a small live set in a 256 MiB heap the old generation may
 * not be collected for hours: that figure climbs without anything leaking). Two histograms of one
 * process, taken minutes apart, say which classes grew.
 */
record ClassHistogram(long totalBytes, Map<String, Count> byClass) {
  /** {@code 1: 13447 912992 [B (java.base@17.0.15)}: instances, bytes, class. */
  private static final Pattern ROW = Pattern.compile("^\\s*\\d+:\\s+(\\d+)\\s+(\\d+)\\s+(\\S+)");

  private static final Pattern TOTAL = Pattern.compile("^Total\\s+(\\d+)\\s+(\\d+)");

  /** Live instances and bytes of one class. */
  record Count(long instances, long bytes) {
    Count plus(Count other) {
      return new Count(instances + other.instances, bytes + other.bytes);
    }
  }

  /** One class's growth between two histograms. */
  record Growth(String className, long instances, long bytes) {}

  ClassHistogram {
    byClass = Map.copyOf(byClass);
  }

  /** Parses jcmd's output; empty when it has no {@code Total} line (the process went away). */
  static Optional<ClassHistogram> parse(String jcmdOutput) {
    Map<String, Count> byClass = new HashMap<>();
    for (String line : jcmdOutput.split("\n")) {
      Matcher total = TOTAL.matcher(line);
      if (total.find()) {
        return Optional.of(new ClassHistogram(Long.parseLong(total.group(2)), byClass));
      }
      Matcher row = ROW.matcher(line);
      if (row.find()) {
        // Classes of one name from two loaders add up: a leak does not care which loader.
        byClass.merge(
            row.group(3),
            new Count(Long.parseLong(row.group(1)), Long.parseLong(row.group(2))),
            Count::plus);
      }
    }
    return Optional.empty();
  }

  /** Takes one of process {@code pid}; empty if jcmd fails or the process is gone. */
  static Optional<ClassHistogram> of(long pid) {
    try {
      return Jcmd.run(pid, "GC.class_histogram").flatMap(ClassHistogram::parse);
    } catch (IOException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  double totalMib() {
    return totalBytes / (1024.0 * 1024.0);
  }

  /** The {@code n} classes whose live bytes grew most since {@code earlier}, largest first. */
  List<Growth> grownSince(ClassHistogram earlier, int n) {
    return byClass.entrySet().stream()
        .map(
            e -> {
              Count before = earlier.byClass.getOrDefault(e.getKey(), new Count(0, 0));
              return new Growth(
                  e.getKey(),
                  e.getValue().instances() - before.instances(),
                  e.getValue().bytes() - before.bytes());
            })
        .filter(g -> g.bytes() > 0)
        .sorted(Comparator.comparingLong(Growth::bytes).reversed())
        .limit(n)
        .toList();
  }
}
