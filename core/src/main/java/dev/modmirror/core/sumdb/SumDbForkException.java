package dev.modmirror.core.sumdb;

/**
 * The checksum database signed two tree heads that are not one history: the older tree is not a
 * prefix of the newer. Carries both signed notes as evidence.
 */
public final class SumDbForkException extends SumDbException {
  private static final long serialVersionUID = 1L;

  private final String olderNote;
  private final String newerNote;

  public SumDbForkException(String message, String olderNote, String newerNote) {
    super(Rule.FORK, message + "\nold database:\n" + olderNote + "\nnew database:\n" + newerNote);
    this.olderNote = olderNote;
    this.newerNote = newerNote;
  }

  /** The signed note of the older tree head. */
  public String olderNote() {
    return olderNote;
  }

  /** The signed note of the newer tree head that does not contain it. */
  public String newerNote() {
    return newerNote;
  }
}
