package dev.modmirror.adapters.upstream;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * The credentials an upstream's requests carry: none, a bearer token, basic auth (also from the
 * base URL's userinfo), or what the go command's {@code GOAUTH} gives for the request's URL ({@link
 * GoAuth}: {@code .netrc}, a credential command, {@code git credential}). The HTTP client sends
 * them to the upstream's own host only, never to where a redirect points.
 *
 * <p>Secrets never leave this class except as header values on the wire: {@link #toString()} names
 * the kind only, so a logged configuration or exception shows {@code bearer}, not the token.
 */
public final class UpstreamAuth {
  /** One request header; its value is secret and never printed. */
  public record Header(String name, String value) {
    public Header {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(value, "value");
    }

    @Override
    public String toString() {
      return name + ": xxxxx";
    }
  }

  private static final UpstreamAuth NONE = new UpstreamAuth("none", url -> List.of());

  private final String kind;
  private final Function<URI, List<Header>> headers;

  private UpstreamAuth(String kind, Function<URI, List<Header>> headers) {
    this.kind = kind;
    this.headers = headers;
  }

  /** No credentials. */
  public static UpstreamAuth none() {
    return NONE;
  }

  /** {@code Authorization: Bearer <token>}. */
  public static UpstreamAuth bearer(String token) {
    if (token == null || token.isBlank() || token.chars().anyMatch(c -> c < 0x21 || c > 0x7e)) {
      throw new IllegalArgumentException("a bearer token is non-empty printable ASCII");
    }
    List<Header> h = List.of(new Header("Authorization", "Bearer " + token));
    return new UpstreamAuth("bearer", url -> h);
  }

  /** {@code Authorization: Basic …}, as Go's {@code SetBasicAuth} builds it. */
  public static UpstreamAuth basic(String user, String password) {
    String pair = user + ":" + (password == null ? "" : password);
    List<Header> h =
        List.of(
            new Header(
                "Authorization",
                "Basic "
                    + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8))));
    return new UpstreamAuth("basic", url -> h);
  }

  /** Basic auth from a URL's userinfo ({@code user:password} or {@code user}), as Go sends it. */
  public static UpstreamAuth userInfo(String userInfo) {
    int colon = userInfo.indexOf(':');
    return colon < 0
        ? basic(userInfo, "")
        : basic(userInfo.substring(0, colon), userInfo.substring(colon + 1));
  }

  /** What GOAUTH gives for each request's URL (https only, as the go command). */
  public static UpstreamAuth goAuth(GoAuth goAuth) {
    return new UpstreamAuth("goauth", goAuth::headersFor);
  }

  /** The headers to send with a request for {@code target}; empty if none. */
  public List<Header> headers(URI target) {
    return headers.apply(target);
  }

  /** Whether this sends nothing. */
  public boolean isNone() {
    return this == NONE;
  }

  /** The kind only: {@code none}, {@code bearer}, {@code basic} or {@code goauth}. */
  @Override
  public String toString() {
    return kind;
  }
}
