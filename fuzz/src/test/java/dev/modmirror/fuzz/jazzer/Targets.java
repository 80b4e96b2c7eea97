package dev.modmirror.fuzz.jazzer;

/** What the targets share. */
final class Targets {
  /**
   * Fuzzing time when a target is run with {@code JAZZER_FUZZ=1} but without {@code ./modmirror
   * fuzz}, which passes its own {@code --seconds}. Regression mode (every build) ignores it.
   */
  static final String MAX_DURATION = "60s";

  private Targets() {}
}
