package dev.modmirror.adapters.upstream;

import dev.modmirror.core.error.ModmirrorException;
import dev.modmirror.core.error.NotFoundException;
import dev.modmirror.core.error.PermanentException;
import dev.modmirror.core.error.TransientException;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/** Turns a non-redirect HTTP answer into a bounded body or a classified exception. */
final class Answers {
  static final int EXCERPT_CHARS = 200;

  private Answers() {}

  static InputStream body(
      HttpResponse<InputStream> response,
      long cap,
      UpstreamConfig config,
      String module,
      String version) {
    int status = response.statusCode();
    String url = response.uri().toString();
    InputStream raw = response.body();
    if (status != 200) {
      // The excerpt has its own small limit; the stall guard still applies.
      BoundedBody errorBody =
          new BoundedBody(raw, Long.MAX_VALUE, -1, url, module, version, guard(config, raw));
      String excerpt = excerpt(errorBody);
      closeQuietly(errorBody);
      throw classify(status, "reading " + url + ": " + status + excerpt, module, version);
    }
    long declared = response.headers().firstValueAsLong("content-length").orElse(-1);
    if (declared > cap) {
      closeQuietly(raw);
      throw new PermanentException(
          url + " declares " + declared + " bytes, above the size cap of " + cap, module, version);
    }
    return new BoundedBody(raw, cap, declared, url, module, version, guard(config, raw));
  }

  private static ReadWatchdog.Guard guard(UpstreamConfig config, InputStream raw) {
    return ReadWatchdog.guard(config.requestTimeout(), config.downloadDeadline(), raw);
  }

  private static ModmirrorException classify(
      int status, String message, String module, String version) {
    HttpStatusCause cause = new HttpStatusCause(status);
    if (status == 404 || status == 410) {
      return new NotFoundException(message, module, version, cause);
    }
    if (status == 429 || (status >= 500 && status <= 599)) {
      return new TransientException(message, module, version, cause);
    }
    return new PermanentException("unexpected answer: " + message, module, version, cause);
  }

  /** The start of an error body, made safe for a log line; empty if there is none. */
  static String excerpt(InputStream body) {
    byte[] head;
    try {
      head = body.readNBytes(EXCERPT_CHARS * 4);
    } catch (IOException | RuntimeException e) {
      return "";
    }
    String text = sanitize(new String(head, StandardCharsets.UTF_8));
    return text.isEmpty() ? "" : "; server response: " + text;
  }

  /** Control, format (bidi) and replacement characters become spaces; runs of blanks collapse. */
  static String sanitize(String raw) {
    StringBuilder out = new StringBuilder();
    raw.codePoints()
        .limit(EXCERPT_CHARS)
        .forEach(
            cp -> {
              boolean unsafe =
                  Character.isISOControl(cp)
                      || Character.getType(cp) == Character.FORMAT
                      || cp == 0xFFFD
                      || !Character.isDefined(cp);
              out.appendCodePoint(unsafe ? ' ' : cp);
            });
    return out.toString().replaceAll("\\s+", " ").strip();
  }

  static void discard(HttpResponse<InputStream> response) {
    closeQuietly(response.body());
  }

  private static void closeQuietly(InputStream in) {
    try {
      in.close();
    } catch (IOException | RuntimeException e) {
      // Nothing more to learn from a body we are giving up on.
    }
  }
}
