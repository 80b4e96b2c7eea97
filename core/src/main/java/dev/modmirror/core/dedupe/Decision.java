package dev.modmirror.core.dedupe;

import dev.modmirror.core.event.WarmRequested;
import java.util.Objects;
import java.util.Optional;

/**
 * What the dedupe stage does with one raw request.
 *
 * @param state the version's new state, to store
 * @param forward the warm request to publish in its lane; empty when the request is a duplicate
 * @param reason why: {@code new}, {@code upgraded}, {@code retry}, {@code stale}, {@code manual},
 *     or for a duplicate {@code in-flight}, {@code warmed}, {@code failed-recently}
 */
public record Decision(VersionState state, Optional<WarmRequested> forward, String reason) {
  public Decision {
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(forward, "forward");
    Objects.requireNonNull(reason, "reason");
  }

  public boolean isDuplicate() {
    return forward.isEmpty();
  }
}
