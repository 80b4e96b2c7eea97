package dev.modmirror.adapters.upstream;

import dev.modmirror.core.error.ModmirrorException;
import dev.modmirror.core.error.NotFoundException;
import dev.modmirror.core.module.ModulePath;
import dev.modmirror.core.module.ModuleRef;
import dev.modmirror.core.module.ModuleVersion;
import dev.modmirror.core.store.Artifact;
import dev.modmirror.core.upstream.NotMirrored;
import dev.modmirror.core.upstream.Upstream;
import java.io.InputStream;
import java.util.List;
import java.util.function.Function;

/**
 * A GOPROXY list with the go command's fall-through (modfetch.TryProxies): after a not-found the
 * next entry is always tried; after any other error only if the entry was followed by {@code |}.
 * When all fail, the most helpful error is thrown, ranked as Go ranks them: a {@code direct} or
 * private answer, else the last error that is not a not-found, else the last not-found; the others
 * are attached as suppressed exceptions. An entry skipped because its circuit breaker is open
 * ({@link GuardedUpstream}) ranks between: a real error of another entry says more, but a not-found
 * from the others does not prove the version missing when one was not asked.
 *
 * <p>Fall-through happens when {@link #open} is called. A body that fails while it is being read
 * (truncated, too large) fails the caller, who retries; the go command, which downloads whole files
 * before moving on, would try the next {@code |} entry instead.
 */
public final class ChainedUpstream implements Upstream {

  /**
   * One entry of the list.
   *
   * @param fallBackOnAnyError true if the entry was followed by {@code |}
   */
  public record Link(Upstream upstream, boolean fallBackOnAnyError) {}

  private final List<Link> links;
  private final String description;

  /**
   * @param description the list as written, credentials redacted
   */
  public ChainedUpstream(List<Link> links, String description) {
    if (links.isEmpty()) {
      throw new IllegalArgumentException("a GOPROXY list has at least one entry");
    }
    this.links = List.copyOf(links);
    this.description = description;
  }

  @Override
  public InputStream open(ModuleRef ref, Artifact artifact) {
    return tryEach(u -> u.open(ref, artifact));
  }

  @Override
  public List<ModuleVersion> list(ModulePath path) {
    return tryEach(u -> u.list(path));
  }

  @Override
  public ModuleVersion latest(ModulePath path) {
    return tryEach(u -> u.latest(path));
  }

  @Override
  public String describe() {
    return description;
  }

  @Override
  public String toString() {
    return "ChainedUpstream[" + description + "]";
  }

  private <T> T tryEach(Function<Upstream, T> call) {
    ModmirrorException best = null;
    int bestRank = -1;
    for (Link link : links) {
      try {
        return call.apply(link.upstream());
      } catch (ModmirrorException e) {
        int rank = rank(e);
        // As in Go, a later error of the same or a higher rank replaces the best one so far.
        if (rank >= bestRank) {
          if (best != null && best != e) {
            e.addSuppressed(best);
          }
          best = e;
          bestRank = rank;
        } else if (best != e) {
          best.addSuppressed(e);
        }
        if (!(e instanceof NotFoundException) && !link.fallBackOnAnyError()) {
          break;
        }
      }
    }
    throw best;
  }

  /** 3: direct or private, 2: another error, 1: not asked (breaker open), 0: not-found. */
  private static int rank(ModmirrorException e) {
    if (NotMirrored.isDirect(e) || NotMirrored.isPrivate(e)) {
      return 3;
    }
    if (e instanceof NotFoundException) {
      return 0;
    }
    return FailureReason.of(e) == FailureReason.BREAKER_OPEN ? 1 : 2;
  }
}
