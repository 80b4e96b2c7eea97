package dev.modmirror.ingest.webhook;

import dev.modmirror.core.error.ModmirrorException;
import dev.modmirror.core.webhook.RawContent;
import dev.modmirror.core.webhook.RawContentUrls;
import dev.modmirror.ingest.IngestGoMod;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a pushed branch's go.mod files at the pushed commit, after the webhook was answered, and
 * requests their requirements through {@link IngestGoMod}. One background thread, a bounded queue:
 * a push that finds the queue full is refused (the webhook answers 503). A fetch or parse failure
 * is logged and skips that file only. The queue is in memory: pushes waiting in it when the process
 * stops are lost (CI then fetches what it needs on demand).
 */
public final class BranchPrefetch implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(BranchPrefetch.class);

  private final RawContentUrls urls;
  private final RawContent content;
  private final IngestGoMod ingest;
  private final ThreadPoolExecutor executor;

  public BranchPrefetch(RawContentUrls urls, RawContent content, IngestGoMod ingest, int queue) {
    this.urls = urls;
    this.content = content;
    this.ingest = ingest;
    this.executor =
        new ThreadPoolExecutor(
            1,
            1,
            0,
            TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(queue),
            r -> {
              Thread t = new Thread(r, "webhook-gomod-fetch");
              t.setDaemon(true);
              return t;
            });
  }

  /**
   * Builds every URL now (so a hostile name is refused while the sender waits) and queues the
   * fetch.
   *
   * @return false if the queue is full
   * @throws dev.modmirror.core.error.InvalidInputException if a URL would break the rules
   */
  public boolean submit(Provider provider, Push push) {
    Set<String> files = new LinkedHashSet<>();
    files.add("go.mod");
    files.addAll(push.changedGoMods());
    List<URI> targets = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (String file : files) {
      targets.add(urls.file(push.repository(), push.after(), file));
      names.add(provider.id() + ":" + push.repository() + "@" + push.after() + ":" + file);
    }
    try {
      executor.execute(() -> fetchAll(targets, names));
      return true;
    } catch (RejectedExecutionException e) {
      return false;
    }
  }

  private void fetchAll(List<URI> targets, List<String> names) {
    for (int i = 0; i < targets.size(); i++) {
      try {
        Optional<String> goMod = content.fetch(targets.get(i));
        if (goMod.isPresent()) {
          ingest.ingest(names.get(i), goMod.get());
        } else {
          LOG.info("webhook: no {} at the pushed commit", names.get(i));
        }
      } catch (ModmirrorException e) {
        LOG.warn("webhook: {} skipped: {}", names.get(i), e.getMessage());
      } catch (RuntimeException e) {
        LOG.error("webhook: {} failed unexpectedly", names.get(i), e);
      }
    }
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
