package dev.modmirror.testkit.goproxy;

import dev.modmirror.core.module.ModulePath;
import dev.modmirror.core.module.ModuleRef;
import dev.modmirror.core.store.Artifact;
import dev.modmirror.core.store.ObjectKeys;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * Which requests a fault applies to, matched on the URL path: percent-decoded, still case-encoded
 * ({@code /example.com/!big!co/@v/list}).
 *
 * @param description for messages
 * @param rawPath the test on the request path (name kept short: decoded, case-encoded)
 */
public record Match(String description, Predicate<String> rawPath) {
  public Match {
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(rawPath, "rawPath");
  }

  /** One artifact of one version: {@code /<module>/@v/<version>.zip} and so on. */
  public static Match artifact(ModuleRef ref, Artifact artifact) {
    return path("/" + ObjectKeys.artifact(ref, artifact));
  }

  /** All three artifacts of one version. */
  public static Match version(ModuleRef ref) {
    String prefix = "/" + ObjectKeys.versionDirectory(ref.path()) + ref.version().escaped() + ".";
    return new Match("version " + ref, p -> p.startsWith(prefix));
  }

  /** {@code /<module>/@v/list}. */
  public static Match list(ModulePath module) {
    return path("/" + ObjectKeys.list(module));
  }

  /** {@code /<module>/@latest}. */
  public static Match latest(ModulePath module) {
    return path("/" + ObjectKeys.latest(module));
  }

  /** Exactly this raw path. */
  public static Match path(String rawPath) {
    return new Match(rawPath, rawPath::equals);
  }

  /** Every request. */
  public static Match any() {
    return new Match("any", p -> true);
  }

  @Override
  public String toString() {
    return description;
  }
}
