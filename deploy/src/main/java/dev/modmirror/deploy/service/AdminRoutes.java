package dev.modmirror.deploy.service;

import dev.modmirror.adapters.http.Access;
import dev.modmirror.adapters.http.AccessControl;
import dev.modmirror.adapters.http.HttpSecurity;
import dev.modmirror.adapters.http.HttpService;
import dev.modmirror.adapters.http.Response;
import dev.modmirror.adapters.http.Route;
import dev.modmirror.adapters.upstream.UpstreamStatus;
import dev.modmirror.adapters.upstream.UpstreamStatusJson;
import dev.modmirror.core.auth.AccessRules;
import dev.modmirror.core.auth.Role;
import dev.modmirror.core.error.InvalidInputException;
import dev.modmirror.core.module.ModulePath;
import io.opentelemetry.api.OpenTelemetry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One HTTP surface's routes with who may use them, so that every surface modmirror opens (ingest's
 * webhooks, demand and admin endpoints, the warmer's status endpoint) is protected the same way.
 * Each route is added with its {@link Access}; with access control on, a route without one is
 * closed. With access control off ({@link HttpSecurity#accessControl()} false) routes that need the
 * admin role are not served at all and the others are open, as the start-up warning says.
 *
 * <p>Every surface gets {@code GET /status/upstreams} (developer), {@code POST /admin/reload}
 * (admin: reads the token file again), {@code POST /admin/dlq/replay} (admin) and {@code POST
 * /admin/purge} and {@code /admin/reconcile} (admin; served by the replicator's surface, 501 naming
 * it elsewhere).
 */
final class AdminRoutes {
  private static final Logger LOG = LoggerFactory.getLogger(AdminRoutes.class);

  private final HttpService.Builder http;
  private final HttpSecurity security;
  private final Map<String, Access> access = new LinkedHashMap<>();
  private final List<String> unserved = new ArrayList<>();
  private final AtomicReference<AccessControl> filter = new AtomicReference<>();

  AdminRoutes(HttpService.Builder http, HttpSecurity security) {
    this.http = http;
    this.security = security;
  }

  /** Adds {@code route} with its access; an admin route is left out when access control is off. */
  AdminRoutes add(Route route, Access access) {
    if (!security.accessControl()
        && access.kind() == Access.Kind.TOKEN
        && access.role() == Role.ADMIN) {
      unserved.add(route.name());
      return this;
    }
    http.route(route);
    this.access.put(route.name(), access);
    return this;
  }

  /**
   * The routes every surface has: upstream status, token reload, the dead-letter replay ({@code
   * dlq}), and purge and reconcile. Only the replicator's surface has {@code actions} (the primary
   * and the regions): there purge and reconcile are served; elsewhere they answer 501 naming the
   * surface that serves them, so that an admin who asks the wrong service learns where to go.
   */
  AdminRoutes common(
      Supplier<List<UpstreamStatus>> upstreams,
      DlqReplayAction dlq,
      Optional<AdminActions> actions) {
    add(
        Route.of(
            "GET",
            "/status/upstreams",
            0,
            r -> Response.json(200, UpstreamStatusJson.write(upstreams.get()))),
        Access.token(Role.DEVELOPER));
    add(Route.of("POST", "/admin/reload", 0, r -> reload()), Access.token(Role.ADMIN));
    add(Route.of("POST", "/admin/dlq/replay", 64 * 1024, dlq::replay), Access.token(Role.ADMIN));
    for (String action : List.of("purge", "reconcile")) {
      add(
          Route.of(
              "POST",
              "/admin/" + action,
              64 * 1024,
              actions.isPresent()
                  ? (action.equals("purge") ? actions.get()::purge : actions.get()::reconcile)
                  : r ->
                      Response.text(
                          501,
                          action
                              + " is served by the replicator's surface"
                              + " (MODMIRROR_REPLICATOR_HTTP_PORT)")),
          Access.token(Role.ADMIN));
    }
    return this;
  }

  /**
   * Applies TLS and access control, logs what is open, and starts the surface.
   *
   * @param isPrivate which modules are private, for tokens' module rules
   */
  HttpService start(
      String surface, java.util.function.Predicate<ModulePath> isPrivate, OpenTelemetry telemetry) {
    Optional<AccessControl> installed =
        security.apply(http, new AccessRules(isPrivate), telemetry, a -> access.forEach(a::route));
    installed.ifPresent(filter::set);
    if (installed.isEmpty()) {
      LOG.warn(
          "{}: access control is off (MODMIRROR_AUTH_TOKENS_FILE unset): {} are open to anyone"
              + " who can reach the port; {} are not served",
          surface,
          access.keySet(),
          unserved);
    }
    return http.start();
  }

  /** Reads the modules of a {@code module@version}-per-line body, for a token's module rules. */
  static Function<dev.modmirror.adapters.http.Request, List<ModulePath>> bodyModules(
      Function<String, List<dev.modmirror.core.module.ModuleRef>> parse) {
    return r ->
        parse.apply(new String(r.body(), java.nio.charset.StandardCharsets.UTF_8)).stream()
            .map(dev.modmirror.core.module.ModuleRef::path)
            .toList();
  }

  private Response reload() {
    AccessControl f = filter.get();
    if (f == null) {
      return Response.text(404, "access control is off");
    }
    try {
      int n = f.tokens().reload();
      LOG.info("token file {} reloaded on request: {} tokens", f.tokens().file(), n);
      return Response.text(200, "reloaded: " + n + " tokens");
    } catch (InvalidInputException e) {
      return Response.text(400, "refused, the tokens in force stay: " + e.getMessage());
    }
  }
}
