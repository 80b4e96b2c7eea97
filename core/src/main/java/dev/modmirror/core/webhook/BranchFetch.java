package dev.modmirror.core.webhook;

import java.util.List;
import java.util.Objects;

/**
 * The go.mod files of one pushed commit, to be read through {@link RawContentUrls} and ingested.
 * Its fields come from a webhook (or back from a queue), so whoever builds URLs from them checks
 * them again ({@link RawContentUrls#file} refuses what breaks its patterns).
 *
 * @param provider the webhook provider's id ({@code github}, {@code gitlab}, {@code generic})
 * @param repository {@code owner/name} as the provider named it
 * @param commit the pushed commit
 * @param files repository-relative go.mod paths, {@code go.mod} first, without repeats
 */
public record BranchFetch(String provider, String repository, String commit, List<String> files) {
  public BranchFetch {
    Objects.requireNonNull(provider, "provider");
    Objects.requireNonNull(repository, "repository");
    Objects.requireNonNull(commit, "commit");
    files = List.copyOf(files);
  }

  /** How the fetch of {@code file} is named in logs and as the go.mod's origin. */
  public String name(String file) {
    return provider + ":" + repository + "@" + commit + ":" + file;
  }
}
