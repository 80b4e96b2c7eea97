package dev.modmirror.deploy.chaos;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/** The faults the schedule injects one at a time (upstream faults run beside them all along). */
enum FaultKind {
  KILL_INGEST("kill -9 ingest"),
  KILL_WARMER_1("kill -9 warmer-1"),
  KILL_WARMER_2("kill -9 warmer-2"),
  KILL_REPLICATOR_1("kill -9 replicator region-1"),
  KILL_REPLICATOR_2("kill -9 replicator region-2"),
  KILL_SERVE("kill -9 serve"),
  KILL_BROKER("kill -9 one broker"),
  REGION_DOWN("region S3 stopped past retries"),
  PRIMARY_503("primary S3 answering 503"),
  SPOOL_FULL("spool file system full"),
  POISON("poison records on every topic");

  private final String label;

  FaultKind(String label) {
    this.label = label;
  }

  String label() {
    return label;
  }

  /**
   * The schedule of {@code seed}: every kind once in a seeded order, then again in another order,
   * and so on, so a run long enough injects every kind.
   */
  static List<FaultKind> schedule(long seed, int length) {
    Random random = new Random(seed);
    List<FaultKind> schedule = new ArrayList<>();
    while (schedule.size() < length) {
      List<FaultKind> round = new ArrayList<>(List.of(values()));
      Collections.shuffle(round, random);
      schedule.addAll(round);
    }
    return schedule.subList(0, length);
  }
}
