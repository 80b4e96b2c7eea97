package dev.modmirror.core.event;

import dev.modmirror.core.module.ModuleRef;
import java.time.Instant;

/**
 * A module version is complete and verified in the primary bucket. Published by the warmer to
 * {@link Topics#WARMED} after the {@code .info} marker was written, or when a request found the
 * version already complete ({@link WarmOutcome}): the hashes are then the recorded ones.
 *
 * @param h1 the zip's dirhash ({@code h1:…}), as go.sum records it
 * @param goModH1 the go.mod's dirhash, as go.sum's {@code /go.mod} line records it
 * @param zipSize the zip's size in bytes
 * @param outcome how the version came to be complete; {@link WarmOutcome#STORED} when absent (as
 *     older writers wrote it)
 */
public record VersionWarmed(
    int schema,
    ModuleRef ref,
    String h1,
    String goModH1,
    long zipSize,
    Instant warmedAt,
    WarmOutcome outcome)
    implements Event {
  public static final int SCHEMA = 1;

  public VersionWarmed {
    outcome = outcome == null ? WarmOutcome.STORED : outcome;
    Events.checkSchema(schema, SCHEMA, "VersionWarmed");
    Events.required(ref, "ref", "VersionWarmed");
    Events.text(h1, "h1", "VersionWarmed");
    Events.text(goModH1, "goModH1", "VersionWarmed");
    Events.required(warmedAt, "warmedAt", "VersionWarmed");
    if (zipSize < 0) {
      throw new dev.modmirror.core.error.InvalidInputException("VersionWarmed: negative zipSize");
    }
  }

  /** A version stored by this request. */
  public static VersionWarmed of(
      ModuleRef ref, String h1, String goModH1, long zipSize, Instant warmedAt) {
    return of(ref, h1, goModH1, zipSize, warmedAt, WarmOutcome.STORED);
  }

  public static VersionWarmed of(
      ModuleRef ref,
      String h1,
      String goModH1,
      long zipSize,
      Instant warmedAt,
      WarmOutcome outcome) {
    return new VersionWarmed(SCHEMA, ref, h1, goModH1, zipSize, warmedAt, outcome);
  }
}
