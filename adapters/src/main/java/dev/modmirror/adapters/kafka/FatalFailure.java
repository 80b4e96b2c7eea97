package dev.modmirror.adapters.kafka;

import java.util.Objects;

/**
 * Why a subscription stopped for good: a Kafka failure no retry cures ({@code not authorized}, a
 * topic gone), or a {@link Error} on one of its threads (out of memory, a linkage error), after
 * which the process cannot be trusted to run on. The bus reports it once to the listener given at
 * its creation, which is expected to stop the process with a non-zero exit.
 *
 * @param reason one line, naming the group and what failed
 * @param cause the exception or error, or null
 */
public record FatalFailure(String reason, Throwable cause) {
  public FatalFailure {
    Objects.requireNonNull(reason, "reason");
  }

  /** True when a thread died of a JVM {@link Error} rather than of a Kafka condition. */
  public boolean jvmError() {
    return cause instanceof Error;
  }
}
