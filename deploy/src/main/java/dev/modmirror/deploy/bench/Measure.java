package dev.modmirror.deploy.bench;

import java.lang.management.ManagementFactory;

/** Process CPU time, for the benchmarks' reports. */
final class Measure {
  private Measure() {}

  /** CPU nanoseconds of every thread of this process so far, or 0 if the JVM cannot tell. */
  static long processCpuNanos() {
    return ManagementFactory.getOperatingSystemMXBean()
            instanceof com.sun.management.OperatingSystemMXBean os
        ? os.getProcessCpuTime()
        : 0;
  }
}
