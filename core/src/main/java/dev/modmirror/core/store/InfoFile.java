package dev.modmirror.core.store;

import java.util.Objects;

/**
 * A version's {@code .info} as stored: its bytes and what it records ({@link
 * ModuleStore#readInfo}).
 *
 * @param bytes the {@code .info} as GOPROXY readers get it
 * @param marker {@link CompletionMarker.Recorded} or {@link CompletionMarker.Unrecorded}, never
 *     missing (a missing {@code .info} is no {@code InfoFile})
 */
public record InfoFile(byte[] bytes, CompletionMarker marker) {
  public InfoFile {
    Objects.requireNonNull(bytes, "bytes");
    Objects.requireNonNull(marker, "marker");
    if (marker instanceof CompletionMarker.Missing) {
      throw new IllegalArgumentException("an .info that was read is not missing");
    }
  }
}
