package dev.modmirror.ingest.webhook;

import java.net.URI;
import java.util.List;
import java.util.Objects;

/**
 * A push, read from any provider's payload.
 *
 * @param repository the repository's full name on its host ({@code org/repo}, GitLab groups
 *     allowed)
 * @param repositoryUrl its web URL, from which module paths are built
 * @param ref {@code refs/tags/…} or {@code refs/heads/…}
 * @param after the pushed commit ({@code ""} for a deletion)
 * @param deleted the ref was deleted: nothing to warm
 * @param changedGoMods go.mod files the push's commits added or modified (besides the root one)
 */
public record Push(
    String repository,
    URI repositoryUrl,
    String ref,
    String after,
    boolean deleted,
    List<String> changedGoMods) {
  public Push {
    Objects.requireNonNull(repository, "repository");
    Objects.requireNonNull(repositoryUrl, "repositoryUrl");
    Objects.requireNonNull(ref, "ref");
    after = after == null ? "" : after;
    changedGoMods = List.copyOf(changedGoMods);
  }

  public boolean isTag() {
    return ref.startsWith("refs/tags/");
  }

  public boolean isBranch() {
    return ref.startsWith("refs/heads/");
  }

  public String tag() {
    return ref.substring("refs/tags/".length());
  }
}
