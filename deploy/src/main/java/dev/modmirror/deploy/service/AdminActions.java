package dev.modmirror.deploy.service;

import dev.modmirror.adapters.http.Request;
import dev.modmirror.adapters.http.Response;
import dev.modmirror.core.error.InvalidInputException;
import dev.modmirror.core.error.ModmirrorException;
import dev.modmirror.core.module.ModuleRef;
import dev.modmirror.replicator.Purge;
import dev.modmirror.replicator.ReconcileConfig;
import dev.modmirror.replicator.ReconcileReport;
import dev.modmirror.replicator.ReconcileSettings;
import dev.modmirror.replicator.Reconciler;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admin actions of the replicator's surface: {@code POST /admin/purge} and {@code POST
 * /admin/reconcile}, over the same use cases as {@code modmirror purge} and {@code modmirror
 * reconcile} (admin token, checked by {@link AdminRoutes} before these run).
 *
 * <ul>
 *   <li>purge: body {@code module@version reason…} (the first space ends the version); 200 with one
 *       line per store when every store was purged, 502 when one could not be reached (repeat it),
 *       400 for a malformed body;
 *   <li>reconcile: body lines {@code prefix=…} and {@code dry-run=true}, both optional; the run
 *       starts in the background (202; its table goes to the log), 409 while one is running.
 * </ul>
 */
final class AdminActions {
  private static final Logger LOG = LoggerFactory.getLogger(AdminActions.class);

  private final Purge purge;
  private final Reconciler reconciler;
  private final ReconcileConfig config;
  private final AtomicBoolean reconciling = new AtomicBoolean();

  AdminActions(Purge purge, Reconciler reconciler, ReconcileConfig config) {
    this.purge = purge;
    this.reconciler = reconciler;
    this.config = config;
  }

  Response purge(Request request) {
    String body = new String(request.body(), StandardCharsets.UTF_8).strip();
    int space = body.indexOf(' ');
    if (space < 0 || body.substring(space).isBlank()) {
      return Response.text(400, "body: module@version reason…");
    }
    ModuleRef ref;
    try {
      ref = ModuleRef.parse(body.substring(0, space));
    } catch (InvalidInputException e) {
      return Response.text(400, e.getMessage());
    }
    try {
      Purge.Result result = purge.purge(ref, body.substring(space + 1).strip());
      StringBuilder out = new StringBuilder();
      result
          .stores()
          .forEach(
              (store, error) ->
                  out.append(error.isEmpty() ? "purged from " : "NOT purged from ")
                      .append(store)
                      .append(error.isEmpty() ? "" : ": " + error)
                      .append('\n'));
      return Response.text(result.complete() ? 200 : 502, out.toString());
    } catch (ModmirrorException e) {
      return Response.text(503, "not purged: " + e.getMessage());
    }
  }

  Response reconcile(Request request) {
    Map<String, String> options = new LinkedHashMap<>();
    for (String line : new String(request.body(), StandardCharsets.UTF_8).split("\n")) {
      int eq = line.indexOf('=');
      if (eq > 0) {
        options.put(line.substring(0, eq).strip(), line.substring(eq + 1).strip());
      } else if (!line.isBlank()) {
        return Response.text(400, "body lines: prefix=…, dry-run=true");
      }
    }
    ReconcileSettings settings;
    try {
      settings =
          config.settings(
              options.getOrDefault("prefix", ""),
              Boolean.parseBoolean(options.getOrDefault("dry-run", "false")));
    } catch (IllegalArgumentException e) {
      return Response.text(400, e.getMessage());
    }
    if (!reconciling.compareAndSet(false, true)) {
      return Response.text(409, "a reconcile is running");
    }
    Thread run =
        new Thread(
            () -> {
              try {
                ReconcileReport report = reconciler.run(settings);
                LOG.info("reconcile requested over HTTP done:\n{}", report.table());
              } finally {
                reconciling.set(false);
              }
            },
            "modmirror-reconcile-http");
    run.setDaemon(true);
    run.start();
    return Response.text(202, "reconcile started; its report goes to the log\n");
  }
}
