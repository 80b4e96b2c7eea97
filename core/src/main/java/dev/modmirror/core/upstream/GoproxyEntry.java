package dev.modmirror.core.upstream;

import java.net.URI;
import java.util.Objects;

/**
 * One entry of a GOPROXY list.
 *
 * @param kind a proxy base URL, or one of the keywords {@code direct} and {@code off}
 * @param url the base URL for {@link Kind#PROXY} (http, https or file; may carry userinfo, which
 *     only {@link #redacted()} hides); null for the keywords
 * @param fallBackOnAnyError true if the entry was followed by {@code |} (try the next entry after
 *     any error); false if followed by {@code ,} or last (try the next only after not-found)
 */
public record GoproxyEntry(Kind kind, URI url, boolean fallBackOnAnyError) {

  /** What an entry stands for. */
  public enum Kind {
    /** An http, https or file base URL speaking the GOPROXY protocol. */
    PROXY,
    /**
     * Fetch from the version control system. modmirror does not do that: such an entry answers
     * every request with not-found and {@link NotMirrored#DIRECT_REASON}, so that lists such as
     * {@code https://proxy.example,direct} still work for what the proxies have.
     */
    DIRECT,
    /** Every fetch fails permanently with "GOPROXY=off". */
    OFF
  }

  public GoproxyEntry {
    Objects.requireNonNull(kind, "kind");
    if ((kind == Kind.PROXY) != (url != null)) {
      throw new IllegalArgumentException("a PROXY entry has a url, keywords have none: " + kind);
    }
  }

  public static GoproxyEntry proxy(URI url, boolean fallBackOnAnyError) {
    return new GoproxyEntry(Kind.PROXY, url, fallBackOnAnyError);
  }

  public static GoproxyEntry direct() {
    return new GoproxyEntry(Kind.DIRECT, null, false);
  }

  public static GoproxyEntry off() {
    return new GoproxyEntry(Kind.OFF, null, false);
  }

  /** The lower-case scheme of a PROXY entry ({@code http}, {@code https} or {@code file}). */
  public String scheme() {
    return kind == Kind.PROXY ? url.getScheme().toLowerCase(java.util.Locale.ROOT) : "";
  }

  /** The entry as written, with any userinfo replaced by {@code xxxxx}: safe for logs. */
  public String redacted() {
    return switch (kind) {
      case DIRECT -> "direct";
      case OFF -> "off";
      case PROXY -> Redaction.url(url);
    };
  }

  @Override
  public String toString() {
    return redacted() + (fallBackOnAnyError ? "|" : "");
  }
}
