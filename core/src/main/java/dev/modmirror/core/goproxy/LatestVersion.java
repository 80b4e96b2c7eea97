package dev.modmirror.core.goproxy;

import dev.modmirror.core.module.ModuleVersion;
import dev.modmirror.core.module.Semver;
import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;

/**
 * Which stored version {@code $module/@latest} names, as the go command chooses among a proxy's
 * list ({@code modload}'s query for {@code latest}): the highest release; if there is none, the
 * highest pre-release; if there is none either, the highest pseudo-version.
 */
public final class LatestVersion {
  private LatestVersion() {}

  /**
   * @return empty if {@code versions} is empty
   */
  public static Optional<ModuleVersion> of(Collection<ModuleVersion> versions) {
    Comparator<ModuleVersion> order = Comparator.naturalOrder();
    Optional<ModuleVersion> release =
        versions.stream().filter(v -> !v.isPseudo() && isRelease(v)).max(order);
    if (release.isPresent()) {
      return release;
    }
    Optional<ModuleVersion> prerelease = versions.stream().filter(v -> !v.isPseudo()).max(order);
    return prerelease.isPresent() ? prerelease : versions.stream().max(order);
  }

  private static boolean isRelease(ModuleVersion v) {
    return Semver.prerelease(v.value()).isEmpty();
  }
}
