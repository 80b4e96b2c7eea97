package dev.modmirror.deploy;

/**
 * The exit codes of every {@code modmirror} command, in one place (docs/operations.md lists them).
 */
public final class ExitCodes {
  /** Everything asked for was done: every version warmed, every check passed. */
  public static final int OK = 0;

  /** The command ran, but some of its work failed: a version not warmed, a source not read. */
  public static final int SOME_FAILED = 1;

  /** Bad usage or configuration: a flag, a setting, an input file. Nothing was attempted. */
  public static final int USAGE = 2;

  /** A dependency (broker, bucket, upstream, checksum database) could not be reached or used. */
  public static final int UNREACHABLE = 3;

  private ExitCodes() {}
}
