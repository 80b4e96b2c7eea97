package dev.modmirror.deploy.service;

import dev.modmirror.core.error.InvalidInputException;
import dev.modmirror.core.module.ModuleRef;
import dev.modmirror.deploy.wiring.Adapters;
import dev.modmirror.deploy.wiring.Deployment;
import dev.modmirror.deploy.wiring.Services;
import dev.modmirror.replicator.Purge;
import java.io.PrintStream;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code modmirror purge}: removes a version everywhere, on purpose, or lets it back. */
@Command(
    name = "purge",
    mixinStandardHelpOptions = true,
    description =
        "Removes module@version from the primary and every region and leaves a tombstone, so"
            + " that neither reconcile nor a later request brings it back (--undo removes the"
            + " tombstone). Exit 0 when every store was purged, 1 when one could not be reached"
            + " (run it again).")
public final class PurgeCommand implements Callable<Integer> {
  @Parameters(paramLabel = "module@version")
  String version;

  @Option(names = "--reason", required = true, description = "Why: recorded and published.")
  String reason;

  @Option(names = "--undo", description = "Un-purge: remove the tombstone.")
  boolean undo;

  /** The environment; tests give their own. */
  Map<String, String> env = System.getenv();

  /** Where the answer goes; tests give their own. */
  PrintStream out = System.out;

  @Override
  public Integer call() {
    ModuleRef ref;
    try {
      ref = ModuleRef.parse(version);
    } catch (InvalidInputException e) {
      System.err.println("modmirror purge: " + e.getMessage());
      return 2;
    }
    if (reason.isBlank()) {
      System.err.println("modmirror purge: --reason must not be blank");
      return 2;
    }
    Deployment deployment = Deployment.from(env, "modmirror-purge");
    try (Adapters adapters = Adapters.open(deployment, Adapters.EVERY_REGION)) {
      Purge purge = Services.over(adapters).purge();
      if (undo) {
        purge.restore(ref, reason);
        out.println("un-purged " + ref + ": it is warmed again on its next request");
        return 0;
      }
      Purge.Result result = purge.purge(ref, reason);
      result
          .stores()
          .forEach(
              (store, error) ->
                  out.println(
                      (error.isEmpty() ? "purged " : "NOT purged ")
                          + ref
                          + " from "
                          + store
                          + (error.isEmpty() ? "" : ": " + error)));
      return result.complete() ? 0 : 1;
    }
  }
}
