package dev.modmirror.ingest.webhook;

import dev.modmirror.core.error.ModmirrorException;
import dev.modmirror.core.error.TransientException;
import dev.modmirror.core.webhook.BranchFetch;
import dev.modmirror.core.webhook.BranchFetches;
import dev.modmirror.core.webhook.RawContent;
import dev.modmirror.core.webhook.RawContentUrls;
import dev.modmirror.ingest.IngestGoMod;
import java.net.URI;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a pushed branch's go.mod files at the pushed commit, after the webhook was answered, and
 * requests their requirements through {@link IngestGoMod}. {@link #submit} checks every URL while
 * the sender waits and stores the fetch in a {@link BranchFetches} queue (durable on Kafka: a fetch
 * queued when the process stops is done after the restart, or by another replica); the queue's
 * reader fetches the files one push at a time. A file that cannot be fetched, or a go.mod that does
 * not parse, is logged and skipped; a request that cannot be published now fails the fetch
 * transiently, so the queue hands it over again.
 */
public final class BranchPrefetch implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(BranchPrefetch.class);

  private final RawContentUrls urls;
  private final RawContent content;
  private final IngestGoMod ingest;
  private final BranchFetches queue;

  /** Starts reading {@code queue}. */
  public BranchPrefetch(
      RawContentUrls urls, RawContent content, IngestGoMod ingest, BranchFetches queue) {
    this.urls = urls;
    this.content = content;
    this.ingest = ingest;
    this.queue = queue;
    queue.start(this::fetchAll);
  }

  /** With a queue in memory of {@code capacity} pushes (lost when the process stops). */
  public BranchPrefetch(RawContentUrls urls, RawContent content, IngestGoMod ingest, int capacity) {
    this(urls, content, ingest, new InMemoryBranchFetches(capacity));
  }

  /**
   * Builds every URL now (so a hostile name is refused while the sender waits) and queues the
   * fetch.
   *
   * @return false if the queue is full
   * @throws dev.modmirror.core.error.InvalidInputException if a URL would break the rules
   * @throws dev.modmirror.core.error.TransientException if the queue cannot store it now
   */
  public boolean submit(Provider provider, Push push) {
    Set<String> files = new LinkedHashSet<>();
    files.add("go.mod");
    files.addAll(push.changedGoMods());
    for (String file : files) {
      urls.file(push.repository(), push.after(), file);
    }
    return queue.queue(
        new BranchFetch(provider.id(), push.repository(), push.after(), List.copyOf(files)));
  }

  private void fetchAll(BranchFetch fetch) {
    for (String file : fetch.files()) {
      String name = fetch.name(file);
      Optional<String> goMod;
      try {
        // Built again: a fetch read back from a queue is input like any other.
        URI target = urls.file(fetch.repository(), fetch.commit(), file);
        goMod = content.fetch(target);
      } catch (ModmirrorException e) {
        LOG.warn("webhook: {} skipped: {}", name, e.getMessage());
        continue;
      }
      if (goMod.isEmpty()) {
        LOG.info("webhook: no {} at the pushed commit", name);
        continue;
      }
      try {
        ingest.ingest(name, goMod.get());
      } catch (TransientException e) {
        throw e;
      } catch (ModmirrorException e) {
        LOG.warn("webhook: {} skipped: {}", name, e.getMessage());
      }
    }
  }

  @Override
  public void close() {
    queue.close();
  }
}
