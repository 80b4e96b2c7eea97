package dev.modmirror.gotool;

/**
 * What one {@code go} command did.
 *
 * @param exitCode the process exit code
 * @param stdout everything written to stdout
 * @param stderr everything written to stderr
 */
public record GoResult(int exitCode, String stdout, String stderr) {
  /** True when go exited with 0. */
  public boolean ok() {
    return exitCode == 0;
  }
}
