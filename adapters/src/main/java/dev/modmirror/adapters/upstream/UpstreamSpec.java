package dev.modmirror.adapters.upstream;

import dev.modmirror.core.module.ModulePath;
import dev.modmirror.core.upstream.Redaction;
import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * One upstream of the pool form, as configured ({@code MODMIRROR_UPSTREAM_<NAME>_*}).
 *
 * @param name {@code [a-z0-9-]}, its label in metrics, logs and status
 * @param url an http, https or file base URL (userinfo, if any, is sent as basic auth)
 * @param auth explicit credentials (bearer or basic); {@link UpstreamAuth#none()} lets GOAUTH
 *     ({@code .netrc}…) supply them over https, as the go command does
 * @param isPrivate serves private modules (GOPRIVATE/GONOPROXY) and only those
 * @param modules GOPRIVATE-style globs narrowing what it serves; empty for every module of its
 *     class
 * @param weight positive; cost is divided by it
 * @param probe the module its health check lists; empty for no active probe
 */
public record UpstreamSpec(
    String name,
    URI url,
    UpstreamAuth auth,
    boolean isPrivate,
    String modules,
    double weight,
    Optional<ModulePath> probe) {
  public UpstreamSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(auth, "auth");
    Objects.requireNonNull(modules, "modules");
    Objects.requireNonNull(probe, "probe");
    if (!name.matches("[a-z0-9][a-z0-9-]{0,30}")) {
      throw new IllegalArgumentException(
          "upstream name '" + name + "' must be [a-z0-9-], 1-31 chars");
    }
    if (!(weight > 0) || Double.isInfinite(weight)) {
      throw new IllegalArgumentException("upstream " + name + ": weight must be positive");
    }
  }

  /** The URL without credentials, the credentials by kind only. */
  @Override
  public String toString() {
    return "UpstreamSpec[name="
        + name
        + ", url="
        + Redaction.url(url)
        + ", auth="
        + auth
        + ", private="
        + isPrivate
        + ", modules="
        + modules
        + ", weight="
        + weight
        + ", probe="
        + probe.map(ModulePath::value).orElse("-")
        + "]";
  }
}
