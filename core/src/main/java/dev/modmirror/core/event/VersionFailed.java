package dev.modmirror.core.event;

import dev.modmirror.core.module.ModuleRef;
import java.time.Instant;

/**
 * A requested module version ended without being warmed from the upstream's bytes, with the
 * recorded reason. Published by the warmer to {@link Topics#FAILED}; nothing of the bytes it
 * fetched was stored (for {@link FailureStatus#CONFLICT} the bucket keeps the version it held).
 *
 * @param errorKind the {@code ModmirrorException#kind()} that ended it
 * @param reason a human-readable reason naming the rule or upstream answer
 */
public record VersionFailed(
    int schema,
    ModuleRef ref,
    FailureStatus status,
    String errorKind,
    String reason,
    Instant failedAt)
    implements Event {
  public static final int SCHEMA = 1;

  public VersionFailed {
    Events.checkSchema(schema, SCHEMA, "VersionFailed");
    Events.required(ref, "ref", "VersionFailed");
    Events.required(status, "status", "VersionFailed");
    Events.text(errorKind, "errorKind", "VersionFailed");
    Events.text(reason, "reason", "VersionFailed");
    Events.required(failedAt, "failedAt", "VersionFailed");
  }

  public static VersionFailed of(
      ModuleRef ref, FailureStatus status, String errorKind, String reason, Instant failedAt) {
    return new VersionFailed(SCHEMA, ref, status, errorKind, reason, failedAt);
  }
}
