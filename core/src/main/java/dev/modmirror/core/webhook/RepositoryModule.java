package dev.modmirror.core.webhook;

import dev.modmirror.core.error.InvalidInputException;
import dev.modmirror.core.module.ModulePath;
import dev.modmirror.core.module.ModuleRef;
import dev.modmirror.core.module.ModuleVersion;
import dev.modmirror.core.module.Semver;
import java.net.URI;
import java.util.Locale;
import java.util.Optional;

/**
 * The module version a tag push publishes. The module path is the repository URL's host and path
 * ({@code https://github.com/Org/Repo} → {@code github.com/Org/Repo}), the tag's directory prefix
 * ({@code sub/dir/v1.2.3} → {@code /sub/dir}, a nested module), and {@code /vN} for a major version
 * of 2 or more (semantic import versioning); the result must pass the module path rules, so a tag
 * or repository name like {@code ../../etc} is refused.
 */
public final class RepositoryModule {
  private RepositoryModule() {}

  /**
   * @param repositoryUrl the repository's web URL from the payload
   * @param tag the tag name without {@code refs/tags/}
   * @return empty if the tag's last element is not a canonical semantic version (not a module tag)
   * @throws InvalidInputException if the module path built from them breaks a rule
   */
  public static Optional<ModuleRef> forTag(URI repositoryUrl, String tag) {
    int slash = tag.lastIndexOf('/');
    String version = tag.substring(slash + 1);
    if (!Semver.isValid(version) || !Semver.canonical(version).orElse("").equals(version)) {
      return Optional.empty();
    }
    String prefix = slash < 0 ? "" : "/" + tag.substring(0, slash);
    String major = Semver.major(version);
    String suffix = major.equals("v0") || major.equals("v1") ? "" : "/" + major;
    String path = base(repositoryUrl) + prefix + suffix;
    return Optional.of(new ModuleRef(ModulePath.of(path), ModuleVersion.of(version)));
  }

  /** {@code host/path} of a repository URL, without {@code .git} or a trailing slash. */
  public static String base(URI repositoryUrl) {
    if (repositoryUrl == null
        || repositoryUrl.getHost() == null
        || repositoryUrl.getRawPath() == null) {
      throw new InvalidInputException("repository URL without host or path: " + repositoryUrl);
    }
    String path = repositoryUrl.getPath();
    if (path.endsWith("/")) {
      path = path.substring(0, path.length() - 1);
    }
    if (path.endsWith(".git")) {
      path = path.substring(0, path.length() - 4);
    }
    return repositoryUrl.getHost().toLowerCase(Locale.ROOT) + path;
  }
}
