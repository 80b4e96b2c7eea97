package dev.modmirror.core.event;

import dev.modmirror.core.store.SaveOutcome;
import java.util.Locale;

/** How a warmed version came to be complete in the primary bucket. */
public enum WarmOutcome {
  /** Written by this request: fetched, verified, stored with {@code .info} last. */
  STORED,
  /**
   * Already complete with its recorded hashes, and its stored bytes still hash to them: nothing was
   * fetched or written.
   */
  ALREADY_PRESENT,
  /**
   * Already complete, but a stored file was missing or no longer hashed to the recorded hashes; it
   * was rewritten from upstream bytes that hash to them.
   */
  REPAIRED;

  /** The outcome a store's save reported. */
  public static WarmOutcome of(SaveOutcome.Complete saved) {
    if (saved instanceof SaveOutcome.AlreadyPresent) {
      return ALREADY_PRESENT;
    }
    return saved instanceof SaveOutcome.Repaired ? REPAIRED : STORED;
  }

  /** The metric and log label: {@code stored}, {@code already-present}, {@code repaired}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
