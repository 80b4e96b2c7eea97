package dev.modmirror.deploy.wiring;

import dev.modmirror.ingest.IngestGoMod;
import dev.modmirror.replicator.ReplicatorService;
import dev.modmirror.warmer.WarmerService;

/**
 * Ingest, the warmer and a replicator for every region, running in one process; started by {@link
 * Services#startMirror}. Closing stops the consumers; the parts stay open for their owner to close.
 */
public final class Mirror implements AutoCloseable {
  private final IngestGoMod ingest;
  private final WarmerService warmer;
  private final ReplicatorService replicator;

  Mirror(IngestGoMod ingest, WarmerService warmer, ReplicatorService replicator) {
    this.ingest = ingest;
    this.warmer = warmer;
    this.replicator = replicator;
  }

  /** The go.mod ingest use case of this mirror. */
  public IngestGoMod ingest() {
    return ingest;
  }

  @Override
  public void close() {
    warmer.close();
    replicator.close();
  }
}
