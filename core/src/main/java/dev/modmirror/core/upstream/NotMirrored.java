package dev.modmirror.core.upstream;

import dev.modmirror.core.error.NotFoundException;

/**
 * The not-found answers that mean "modmirror will not fetch this", as opposed to "the upstream does
 * not have it". They are {@link NotFoundException}s so that GOPROXY list fall-through treats them
 * as the go command treats its own equivalents (which are {@code fs.ErrNotExist}); their {@link
 * NotFoundException.Absence} says which they are, and their message names why for people.
 */
public final class NotMirrored {
  /** The reason for a {@code direct} GOPROXY entry. */
  public static final String DIRECT_REASON = "direct (VCS) fetching is not supported by modmirror";

  /**
   * Message prefix of a module that matches GONOPROXY/GOPRIVATE (for people; code reads the type).
   */
  public static final String PRIVATE_PREFIX = "private: ";

  private NotMirrored() {}

  /** A {@code direct} entry's answer. */
  public static NotFoundException direct(String module, String version) {
    return new NotFoundException(
        NotFoundException.Absence.DIRECT, DIRECT_REASON, module, version, null);
  }

  /**
   * The answer for a module that the go command would fetch directly because it matches GONOPROXY
   * (which defaults to GOPRIVATE).
   *
   * @param glob the first matching glob, named in the reason
   */
  public static NotFoundException privateModule(String module, String version, String glob) {
    return new NotFoundException(
        NotFoundException.Absence.PRIVATE,
        PRIVATE_PREFIX + "not mirrored (matches GONOPROXY/GOPRIVATE pattern \"" + glob + "\")",
        module,
        version,
        null);
  }

  /** Whether {@code e} is the private-module answer: the failure kind to record is "private". */
  public static boolean isPrivate(Throwable e) {
    return e instanceof NotFoundException n && n.absence() == NotFoundException.Absence.PRIVATE;
  }

  /** Whether {@code e} is a {@code direct} entry's answer. */
  public static boolean isDirect(Throwable e) {
    return e instanceof NotFoundException n && n.absence() == NotFoundException.Absence.DIRECT;
  }
}
