package dev.modmirror.core.gomod;

import java.util.Objects;

/**
 * One {@code retract} line: a single version ({@code low == high}) or a closed interval {@code
 * [low, high]}.
 *
 * @param rationale the comment lines directly above or after it (or above the block), joined by
 *     newlines; {@code ""} when there is none
 * @param line the 1-based line it was read from
 */
public record Retract(String low, String high, String rationale, int line) {
  public Retract {
    Objects.requireNonNull(low, "low");
    Objects.requireNonNull(high, "high");
    Objects.requireNonNull(rationale, "rationale");
  }
}
