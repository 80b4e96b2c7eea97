package dev.modmirror.deploy.progress;

/** How progress is shown on stderr ({@code --progress}). */
public enum ProgressMode {
  /** Bars when stderr is a terminal, plain lines otherwise. */
  AUTO,
  /** Bars kept at the bottom of the terminal (one per stage, with count, rate and ETA). */
  TERMINAL,
  /** A summary line every few seconds and one at the end, for logs and CI. */
  PLAIN,
  /** Nothing. */
  OFF;

  /** This mode, with {@link #AUTO} decided for this process's stderr. */
  public ProgressMode resolve() {
    if (this != AUTO) {
      return this;
    }
    return Terminals.stderrIsTerminal() ? TERMINAL : PLAIN;
  }
}
