package dev.modmirror.deploy.service;

import dev.modmirror.core.error.InvalidInputException;
import dev.modmirror.core.module.ModuleRef;
import dev.modmirror.deploy.wiring.Adapters;
import dev.modmirror.deploy.wiring.Deployment;
import dev.modmirror.deploy.wiring.Services;
import dev.modmirror.replicator.VersionStatus;
import java.io.PrintStream;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code modmirror status}: where a version is, or how far behind each region is. */
@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    description =
        "status module@version: the version in the primary and each region (present, missing,"
            + " partial; h1; arrival). status --regions: each region's pending versions and lag."
            + " Exit 0, or 1 when a store could not be read.")
public final class StatusCommand implements Callable<Integer> {
  @Parameters(arity = "0..1", paramLabel = "module@version")
  String version;

  @Option(names = "--regions", description = "Each region's pending count and lag.")
  boolean regions;

  /** The environment; tests give their own. */
  Map<String, String> env = System.getenv();

  /** Where the answer goes; tests give their own. */
  PrintStream out = System.out;

  @Override
  public Integer call() {
    if (regions == (version != null)) {
      System.err.println("modmirror status: give either module@version or --regions");
      return 2;
    }
    ModuleRef ref = null;
    if (version != null) {
      try {
        ref = ModuleRef.parse(version);
      } catch (InvalidInputException e) {
        System.err.println("modmirror status: " + e.getMessage());
        return 2;
      }
    }
    Deployment deployment = Deployment.from(env, "modmirror-status");
    try (Adapters adapters = Adapters.open(deployment, Adapters.EVERY_REGION)) {
      VersionStatus status = Services.over(adapters).status(deployment.replicator());
      return ref == null ? regions(status) : version(status.of(ref));
    }
  }

  private int version(VersionStatus.Report report) {
    out.println(
        report.ref() + (report.purged() ? "  (PURGED: a tombstone is in the primary)" : ""));
    out.printf("%-14s %-11s %-55s %-25s %s%n", "store", "state", "h1", "arrived", "pending");
    boolean ok = true;
    for (VersionStatus.StoreView v : report.stores()) {
      ok &= v.presence() != VersionStatus.Presence.UNREACHABLE;
      out.printf(
          "%-14s %-11s %-55s %-25s %s%s%n",
          v.store(),
          v.presence().name().toLowerCase(java.util.Locale.ROOT),
          v.h1().orElse("-"),
          v.arrived().map(Object::toString).orElse("-"),
          v.pending() ? "yes" : "-",
          v.detail().isEmpty() ? "" : "  " + v.detail());
    }
    out.println(
        "trace id: not recorded in the bucket; search the tracing backend by"
            + " go.module.path and go.module.version");
    return ok ? 0 : 1;
  }

  private int regions(VersionStatus status) {
    out.printf("%-14s %8s %8s %12s%n", "region", "pending", "queued", "lag_seconds");
    boolean ok = true;
    for (VersionStatus.RegionLag lag : status.regions()) {
      ok &= lag.error().isEmpty();
      out.printf(
          "%-14s %8s %8s %12d%s%n",
          lag.region(),
          lag.pending() < 0 ? "?" : Long.toString(lag.pending()),
          lag.queued() < 0 ? "?" : Long.toString(lag.queued()),
          lag.lag().toSeconds(),
          lag.error().map(e -> "  " + e).orElse(""));
    }
    return ok ? 0 : 1;
  }
}
