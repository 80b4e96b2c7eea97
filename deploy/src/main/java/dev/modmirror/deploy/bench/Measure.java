package dev.modmirror.deploy.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Process and per-thread CPU time, for the benchmarks' reports. */
final class Measure {
  private Measure() {}

  /** CPU nanoseconds of every thread of this process so far, or 0 if the JVM cannot tell. */
  static long processCpuNanos() {
    return ManagementFactory.getOperatingSystemMXBean()
            instanceof com.sun.management.OperatingSystemMXBean os
        ? os.getProcessCpuTime()
        : 0;
  }

  /**
   * CPU nanoseconds of this process's children that it has waited for (a {@link Process} ended and
   * reaped, such as rclone), from {@code /proc/self/stat}; 0 where there is none (not Linux).
   */
  static long waitedChildrenCpuNanos() {
    // cutime and cstime are fields 16 and 17 of stat.
    return statTicks(Path.of("/proc/self/stat"), 13, 14) * NANOS_PER_TICK;
  }

  /**
   * CPU nanoseconds so far of the process {@code pid} (user and system, its own threads only), from
   * {@code /proc/<pid>/stat}; 0 where there is none (not Linux, or the process is gone).
   */
  static long processCpuNanos(long pid) {
    return statTicks(Path.of("/proc", Long.toString(pid), "stat"), 11, 12) * NANOS_PER_TICK;
  }

  /**
   * CPU nanoseconds every core of the machine spent busy so far (user, nice, system, irq, softirq
   * and steal of {@code /proc/stat}'s {@code cpu} line: every process, other users' too); 0 where
   * there is none (not Linux).
   */
  static long machineBusyNanos() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/stat"), StandardCharsets.US_ASCII)) {
        if (line.startsWith("cpu ")) {
          String[] f = line.trim().split("\\s+");
          long busy = 0;
          for (int i : new int[] {1, 2, 3, 6, 7, 8}) {
            busy += Long.parseLong(f[i]);
          }
          return busy * NANOS_PER_TICK;
        }
      }
    } catch (IOException | RuntimeException e) {
      // Not Linux: the figure is informative only.
    }
    return 0;
  }

  /** The sum of two fields of a {@code stat} file, counted after the name's closing parenthesis. */
  private static long statTicks(Path stat, int first, int second) {
    try {
      String text = Files.readString(stat, StandardCharsets.US_ASCII);
      String[] fields = text.substring(text.lastIndexOf(')') + 2).split(" ");
      return Long.parseLong(fields[first]) + Long.parseLong(fields[second]);
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }

  /**
   * CPU nanoseconds used between two {@link #nativeThreadCpu()} snapshots by the threads whose
   * kernel name starts with one of {@code prefixes}.
   */
  static long cpuSince(
      Map<Long, ThreadCpu> before, Map<Long, ThreadCpu> after, String... prefixes) {
    long total = 0;
    for (Map.Entry<Long, ThreadCpu> thread : after.entrySet()) {
      String name = thread.getValue().name();
      if (java.util.Arrays.stream(prefixes).anyMatch(name::startsWith)) {
        ThreadCpu earlier = before.get(thread.getKey());
        total += thread.getValue().nanos() - (earlier == null ? 0 : earlier.nanos());
      }
    }
    return total;
  }

  /**
   * CPU nanoseconds so far of each live thread whose name starts with {@code prefix}, by thread id
   * (a thread that ended is missing: compare snapshots taken while the service runs).
   */
  static Map<Long, Long> threadCpuNanos(String prefix) {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    Map<Long, Long> cpu = new HashMap<>();
    for (var info : threads.getThreadInfo(threads.getAllThreadIds())) {
      if (info != null && info.getThreadName().startsWith(prefix)) {
        long nanos = threads.getThreadCpuTime(info.getThreadId());
        if (nanos >= 0) {
          cpu.put(info.getThreadId(), nanos);
        }
      }
    }
    return cpu;
  }

  /** CPU the threads of {@code after} used since {@code before}; new threads count from zero. */
  static long cpuSince(Map<Long, Long> before, Map<Long, Long> after) {
    long total = 0;
    for (Map.Entry<Long, Long> thread : after.entrySet()) {
      total += thread.getValue() - before.getOrDefault(thread.getKey(), 0L);
    }
    return total;
  }

  /**
   * CPU nanoseconds so far of every live thread of this process, native ones (JIT compilers, GC)
   * included, by thread id, with its name as the kernel knows it (at most 15 characters), read from
   * {@code /proc/self/task}; empty where there is none (not Linux).
   */
  static Map<Long, ThreadCpu> nativeThreadCpu() {
    Map<Long, ThreadCpu> cpu = new HashMap<>();
    Path tasks = Path.of("/proc/self/task");
    if (!Files.isDirectory(tasks)) {
      return cpu;
    }
    try (DirectoryStream<Path> dirs = Files.newDirectoryStream(tasks)) {
      for (Path task : dirs) {
        try {
          String stat = Files.readString(task.resolve("stat"), StandardCharsets.US_ASCII);
          int open = stat.indexOf('(');
          int close = stat.lastIndexOf(')');
          String[] fields = stat.substring(close + 2).split(" ");
          // utime and stime are fields 14 and 15 of stat, i.e. 12 and 13 after the name.
          long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
          cpu.put(
              Long.parseLong(task.getFileName().toString()),
              new ThreadCpu(stat.substring(open + 1, close), ticks * NANOS_PER_TICK));
        } catch (IOException | RuntimeException e) {
          // The thread ended while we read: it is missing, as a thread that ended before is.
        }
      }
    } catch (IOException e) {
      return Map.of();
    }
    return cpu;
  }

  /**
   * CPU nanoseconds so far of every live Java thread of this process, by thread id, with its full
   * Java name (native threads such as the JIT's and the GC's are not Java threads: see {@link
   * #nativeThreadCpu()}).
   */
  static Map<Long, ThreadCpu> javaThreadCpu() {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    Map<Long, ThreadCpu> cpu = new HashMap<>();
    for (var info : threads.getThreadInfo(threads.getAllThreadIds())) {
      if (info != null) {
        long nanos = threads.getThreadCpuTime(info.getThreadId());
        if (nanos >= 0) {
          cpu.put(info.getThreadId(), new ThreadCpu(info.getThreadName(), nanos));
        }
      }
    }
    return cpu;
  }

  /** A thread's kernel name and CPU nanoseconds. */
  record ThreadCpu(String name, long nanos) {}

  /** The clock ticks of /proc: USER_HZ, 100 on every Linux this runs on. */
  private static final long NANOS_PER_TICK = 10_000_000L;

  /**
   * The CPU threads used between two {@link #nativeThreadCpu()} snapshots, summed by name with
   * digits folded ({@code S3Proxy-Jetty-12} and {@code -13} count together), largest first, as
   * "name seconds" lines; {@code total} nanoseconds of process CPU in the same window gives the
   * share of threads that ended in between.
   */
  static List<String> cpuByThreadGroup(
      Map<Long, ThreadCpu> before, Map<Long, ThreadCpu> after, long total) {
    Map<String, Long> groups = new TreeMap<>();
    long live = 0;
    for (Map.Entry<Long, ThreadCpu> thread : after.entrySet()) {
      ThreadCpu earlier = before.get(thread.getKey());
      long used = thread.getValue().nanos() - (earlier == null ? 0 : earlier.nanos());
      live += used;
      groups.merge(thread.getValue().name().replaceAll("[0-9]+", "N"), used, Long::sum);
    }
    groups.put("(threads that ended in the window)", Math.max(0, total - live));
    return groups.entrySet().stream()
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
        .filter(e -> e.getValue() > 0)
        .map(
            e ->
                String.format(
                    java.util.Locale.ROOT, "%-48s %7.1f s", e.getKey(), e.getValue() / 1e9))
        .toList();
  }
}
