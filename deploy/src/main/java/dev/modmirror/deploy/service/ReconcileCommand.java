package dev.modmirror.deploy.service;

import dev.modmirror.core.config.Settings;
import dev.modmirror.deploy.wiring.Adapters;
import dev.modmirror.deploy.wiring.Deployment;
import dev.modmirror.deploy.wiring.Services;
import dev.modmirror.replicator.ReconcileConfig;
import dev.modmirror.replicator.ReconcileReport;
import dev.modmirror.replicator.ReconcileSettings;
import java.io.PrintStream;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code modmirror reconcile}: one anti-entropy run, now, with a table of what it found. */
@Command(
    name = "reconcile",
    mixinStandardHelpOptions = true,
    description =
        "Compares the primary with each region and repairs what is missing, partial or altered"
            + " there (verified copies; never overwrites other hashes, never copies purged"
            + " versions). Exit 0 when every region ended clean, 1 otherwise. Settings:"
            + " docs/configuration.md.")
public final class ReconcileCommand implements Callable<Integer> {
  @Option(names = "--region", description = "Only this region (default: every region).")
  String only;

  @Option(
      names = "--prefix",
      description = "Only keys starting with this escaped module prefix (e.g. github.com/!azure/).")
  String prefix = "";

  @Option(names = "--dry-run", description = "Report what would be repaired; write nothing.")
  boolean dryRun;

  /** The environment; tests give their own. */
  Map<String, String> env = System.getenv();

  /** Where the table goes; tests give their own. */
  PrintStream out = System.out;

  @Override
  public Integer call() {
    Deployment deployment = Deployment.from(env, "modmirror-reconcile");
    Settings s = Settings.fromEnvironment(env);
    ReconcileConfig config = ReconcileConfig.from(s);
    s.validate();
    Predicate<String> wanted = only == null ? Adapters.EVERY_REGION : only::equals;
    if (deployment.regions().keySet().stream().noneMatch(wanted)) {
      System.err.println("modmirror reconcile: no such region (MODMIRROR_REGIONS)");
      return 2;
    }
    ReconcileSettings settings;
    try {
      settings = config.settings(prefix, dryRun);
    } catch (IllegalArgumentException e) {
      System.err.println("modmirror reconcile: " + e.getMessage());
      return 2;
    }
    try (Adapters adapters = Adapters.open(deployment, wanted)) {
      ReconcileReport report =
          Services.over(adapters).reconciler(deployment.replicator()).run(settings);
      out.print(report.table());
      return report.clean() ? 0 : 1;
    }
  }
}
