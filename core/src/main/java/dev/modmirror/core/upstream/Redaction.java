package dev.modmirror.core.upstream;

import java.net.URI;
import java.net.URISyntaxException;

/** Hides credentials in URLs before they reach a log, a span or an exception message. */
public final class Redaction {
  private static final String MASK = "xxxxx";

  private Redaction() {}

  /**
   * The URL with its whole userinfo replaced by {@code xxxxx}. Unlike Go's {@code URL.Redacted},
   * which keeps the user name, the user name goes too: tokens are often passed as the user name.
   */
  public static String url(URI url) {
    String authority = url.getRawAuthority();
    if (url.isOpaque() || (authority != null && authority.indexOf('@') >= 0)) {
      // Also covers authorities that Java could not parse as user@host:port.
      return url.isOpaque() ? maskBeforeAt(url.toString()) : rebuild(url, authority);
    }
    return url.toString();
  }

  /** As {@link #url(URI)} for text that may not parse as a URI: then everything up to '@' goes. */
  public static String url(String text) {
    try {
      return url(new URI(text));
    } catch (URISyntaxException e) {
      return maskBeforeAt(text);
    }
  }

  private static String rebuild(URI url, String authority) {
    StringBuilder out = new StringBuilder();
    if (url.getScheme() != null) {
      out.append(url.getScheme()).append(':');
    }
    out.append("//").append(MASK).append(authority.substring(authority.lastIndexOf('@')));
    if (url.getRawPath() != null) {
      out.append(url.getRawPath());
    }
    if (url.getRawQuery() != null) {
      out.append('?').append(url.getRawQuery());
    }
    if (url.getRawFragment() != null) {
      out.append('#').append(url.getRawFragment());
    }
    return out.toString();
  }

  private static String maskBeforeAt(String text) {
    int at = text.lastIndexOf('@');
    if (at < 0) {
      return text;
    }
    // Without "//" a leading "x:" may be a user name rather than a scheme: mask it too.
    int slashes = text.indexOf("//");
    int keep = slashes >= 0 && slashes < at ? slashes + 2 : 0;
    return text.substring(0, keep) + MASK + text.substring(at);
  }
}
