package dev.modmirror.ingest.webhook;

import dev.modmirror.core.error.TransientException;
import dev.modmirror.core.webhook.BranchFetch;
import dev.modmirror.core.webhook.BranchFetches;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link BranchFetches} in a bounded queue in this process: what waits in it when the process stops
 * is lost. For tests and a single process without Kafka; the ingest service uses the Kafka topic. A
 * fetch that failed transiently is queued again behind the others after a second.
 */
public final class InMemoryBranchFetches implements BranchFetches {
  private static final Logger LOG = LoggerFactory.getLogger(InMemoryBranchFetches.class);

  private final BlockingQueue<BranchFetch> queue;
  private volatile Thread reader;

  public InMemoryBranchFetches(int capacity) {
    this.queue = new ArrayBlockingQueue<>(capacity);
  }

  @Override
  public boolean queue(BranchFetch fetch) {
    return queue.offer(fetch);
  }

  @Override
  public synchronized void start(Consumer<BranchFetch> worker) {
    if (reader != null) {
      throw new IllegalStateException("already started");
    }
    reader = new Thread(() -> read(worker), "webhook-gomod-fetch");
    reader.setDaemon(true);
    reader.start();
  }

  private void read(Consumer<BranchFetch> worker) {
    try {
      while (!Thread.currentThread().isInterrupted()) {
        BranchFetch fetch = queue.take();
        try {
          worker.accept(fetch);
        } catch (TransientException e) {
          LOG.warn("branch fetch {} will be retried: {}", fetch.commit(), e.getMessage());
          Thread.sleep(1000);
          if (!queue.offer(fetch)) {
            LOG.warn("branch fetch {} dropped: the queue is full", fetch.commit());
          }
        } catch (RuntimeException e) {
          LOG.error("branch fetch {} failed, not retried", fetch.commit(), e);
        }
      }
    } catch (InterruptedException e) {
      // closing
    }
  }

  @Override
  public void close() {
    Thread t = reader;
    if (t != null) {
      t.interrupt();
    }
  }
}
