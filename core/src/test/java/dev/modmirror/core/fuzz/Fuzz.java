package dev.modmirror.core.fuzz;

import java.util.function.LongConsumer;

/**
 * Runs a fuzz property a fixed number of times, one seed per iteration, so every run of the build
 * checks exactly the same inputs.
 *
 * <p>System properties: {@code modmirror.fuzz.iterations} replaces every target's default iteration
 * count (run longer with a larger number); {@code modmirror.fuzz.seed} moves the first seed
 * (default 0), so other seeds can be explored and one failing seed replayed with {@code
 * -Dmodmirror.fuzz.seed=S -Dmodmirror.fuzz.iterations=1}.
 */
public final class Fuzz {
  /** The system property that sets the iteration count of every fuzz target. */
  public static final String ITERATIONS = "modmirror.fuzz.iterations";

  /** The system property that sets the first seed. */
  public static final String SEED = "modmirror.fuzz.seed";

  private Fuzz() {}

  /**
   * Calls {@code property} with seeds {@code first, first+1, ...}; the first failure is rethrown as
   * an {@link AssertionError} whose message names the target and the seed.
   *
   * @return the number of iterations run
   */
  public static int run(String target, int defaultIterations, LongConsumer property) {
    int iterations = Integer.getInteger(ITERATIONS, defaultIterations);
    long first = Long.getLong(SEED, 0L);
    long start = System.nanoTime();
    for (int i = 0; i < iterations; i++) {
      long seed = first + i;
      try {
        property.accept(seed);
      } catch (AssertionError | RuntimeException | StackOverflowError e) {
        throw new AssertionError(
            "fuzz target "
                + target
                + " failed at seed "
                + seed
                + " (replay: -D"
                + SEED
                + "="
                + seed
                + " -D"
                + ITERATIONS
                + "=1): "
                + e,
            e);
      }
    }
    long millis = (System.nanoTime() - start) / 1_000_000;
    System.out.printf(
        "fuzz %s: %d iterations from seed %d in %d ms%n", target, iterations, first, millis);
    return iterations;
  }
}
