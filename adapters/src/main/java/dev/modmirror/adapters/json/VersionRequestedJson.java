package dev.modmirror.adapters.json;

import dev.modmirror.core.event.VersionRequested;
import java.time.Instant;
import java.util.Arrays;

/**
 * Writes a {@link VersionRequested} as the same bytes as {@link EventSerializer} through Jackson,
 * without Jackson: the index follower writes one per feed line, and the generic path (serializer
 * provider, reflective accessors, the JSR-310 formatter) was a third of its CPU. Only what it can
 * write exactly is written here: every string printable ASCII without {@code "} or {@code \} (paths
 * and versions always are, having passed their rules) and a {@code requestedAt} in years 0000–9999
 * ({@link IsoInstant#write}); anything else returns null and the caller uses Jackson. {@code
 * EventJsonTest} holds the two to the same bytes.
 */
final class VersionRequestedJson {
  private VersionRequestedJson() {}

  /** The event's JSON, or null if it needs Jackson's escaping or date forms. */
  static byte[] write(VersionRequested event) {
    String module = event.ref().path().value();
    String version = event.ref().version().value();
    String source = event.source().name();
    String origin = event.origin();
    Instant at = event.requestedAt();
    if (!plain(module) || !plain(version) || !plain(origin)) {
      return null;
    }
    // {"schema":1,"module":"","version":"","source":"","origin":"","requestedAt":""}: 78 bytes,
    // plus up to 30 for the instant.
    byte[] out =
        new byte
            [90
                + module.length()
                + version.length()
                + source.length()
                + origin.length()
                + IsoInstant.MAX_CHARS];
    int n = ascii(out, 0, "{\"schema\":");
    n = ascii(out, n, Integer.toString(event.schema()));
    n = ascii(out, n, ",\"module\":\"");
    n = ascii(out, n, module);
    n = ascii(out, n, "\",\"version\":\"");
    n = ascii(out, n, version);
    n = ascii(out, n, "\",\"source\":\"");
    n = ascii(out, n, source);
    n = ascii(out, n, "\",\"origin\":\"");
    n = ascii(out, n, origin);
    n = ascii(out, n, "\",\"requestedAt\":\"");
    n = IsoInstant.write(out, n, at);
    if (n < 0) {
      return null;
    }
    n = ascii(out, n, "\"}");
    return Arrays.copyOf(out, n);
  }

  /** True if Jackson writes {@code s} as its bytes: printable ASCII, no quote, no backslash. */
  private static boolean plain(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x20 || c > 0x7e || c == '"' || c == '\\') {
        return false;
      }
    }
    return true;
  }

  /**
   * Writes {@code s}, ASCII (checked by {@link #plain} or a constant), at {@code at}. {@link
   * String#getBytes(int, int, byte[], int)} keeps each char's low byte, which for ASCII is its
   * UTF-8 byte, and is one array copy for a Latin-1 string where a loop over {@code charAt} cost
   * more than half of the writer (bench ingest: 310 ns an event).
   */
  @SuppressWarnings("deprecation")
  private static int ascii(byte[] out, int at, String s) {
    s.getBytes(0, s.length(), out, at);
    return at + s.length();
  }
}
