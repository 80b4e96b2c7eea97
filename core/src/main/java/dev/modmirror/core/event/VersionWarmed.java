package dev.modmirror.core.event;

import dev.modmirror.core.module.ModuleRef;
import java.time.Instant;

/**
 * A module version is complete and verified in the primary bucket. Published by the warmer to
 * {@link Topics#WARMED} after the {@code .info} marker was written.
 *
 * @param h1 the zip's dirhash ({@code h1:…}), as go.sum records it
 * @param goModH1 the go.mod's dirhash, as go.sum's {@code /go.mod} line records it
 * @param zipSize the zip's size in bytes
 */
public record VersionWarmed(
    int schema, ModuleRef ref, String h1, String goModH1, long zipSize, Instant warmedAt)
    implements Event {
  public static final int SCHEMA = 1;

  public VersionWarmed {
    Events.checkSchema(schema, SCHEMA, "VersionWarmed");
    Events.required(ref, "ref", "VersionWarmed");
    Events.text(h1, "h1", "VersionWarmed");
    Events.text(goModH1, "goModH1", "VersionWarmed");
    Events.required(warmedAt, "warmedAt", "VersionWarmed");
    if (zipSize < 0) {
      throw new dev.modmirror.core.error.InvalidInputException("VersionWarmed: negative zipSize");
    }
  }

  public static VersionWarmed of(
      ModuleRef ref, String h1, String goModH1, long zipSize, Instant warmedAt) {
    return new VersionWarmed(SCHEMA, ref, h1, goModH1, zipSize, warmedAt);
  }
}
