package dev.modmirror.deploy.dev;

import dev.modmirror.core.event.EventBus;
import dev.modmirror.core.store.ModuleStore;
import dev.modmirror.deploy.wiring.Adapters;
import dev.modmirror.deploy.wiring.Mirror;
import dev.modmirror.replicator.ReplicatorConfig;
import dev.modmirror.warmer.WarmerConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A whole mirror running in this JVM on the dev cluster: servers, adapters and services, started
 * together and closed in reverse order. Shared by {@code modmirror dev} and the warm benchmark.
 */
public final class DevMirror implements AutoCloseable {
  private final DevCluster cluster;
  private final Adapters adapters;
  private final Mirror mirror;
  private final Path spool;

  private DevMirror(DevCluster cluster, Adapters adapters, Mirror mirror, Path spool) {
    this.cluster = cluster;
    this.adapters = adapters;
    this.mirror = mirror;
    this.spool = spool;
  }

  /**
   * @param dir the servers' data and the spool live under it
   * @param goproxy the upstream, as a GOPROXY list
   * @param gosumdb the checksum database, as GOSUMDB takes it
   */
  public static DevMirror start(Path dir, int regions, String goproxy, String gosumdb)
      throws IOException {
    Path spool = Files.createDirectories(dir.resolve("spool"));
    DevCluster cluster = DevCluster.start(dir, regions);
    Adapters adapters = null;
    try {
      adapters =
          Adapters.create(
              cluster.bootstrapServers(), cluster.primary(), cluster.regions(), goproxy, gosumdb);
      Mirror mirror =
          Mirror.start(
              adapters.parts(), WarmerConfig.defaults(spool), ReplicatorConfig.defaults(spool));
      return new DevMirror(cluster, adapters, mirror, spool);
    } catch (RuntimeException e) {
      if (adapters != null) {
        adapters.close();
      }
      cluster.close();
      throw e;
    }
  }

  public DevCluster cluster() {
    return cluster;
  }

  public EventBus bus() {
    return adapters.parts().bus();
  }

  /** One store per region, named after it. */
  public List<ModuleStore> regions() {
    return adapters.parts().regions();
  }

  /** Ingests go.mod files into this mirror and reports every version per region. */
  public WarmAndReport warmAndReport() {
    return new WarmAndReport(mirror, bus(), regions(), spool);
  }

  @Override
  public void close() {
    mirror.close();
    adapters.close();
    cluster.close();
  }
}
