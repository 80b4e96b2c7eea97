package dev.modmirror.adapters.http;

import dev.modmirror.core.auth.AccessRules;
import dev.modmirror.core.auth.TokenVerifier;
import dev.modmirror.core.error.InvalidInputException;
import dev.modmirror.core.module.ModulePath;
import dev.modmirror.core.telemetry.Telemetry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.LongCounter;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The access filter of a modmirror HTTP surface: each route, by name, has an {@link Access}; a
 * route without one is refused (403), so a new route is closed until someone decides who may use
 * it. For token routes: {@code Authorization: Bearer <token>} (or Basic with the token as the
 * password, as the go command sends a {@code .netrc} entry) is verified ({@link TokenVerifier}: one
 * path whatever is presented), then the role and the request's modules are checked ({@link
 * AccessRules}). Missing, malformed or unknown tokens get 401 with {@code WWW-Authenticate}; a
 * token that may not do this gets 403. Every denial is counted ({@code modmirror.http.denied} by
 * route and reason) and logged with route, reason, the token's id when it was known and the
 * client's address, never the token or any part of it.
 */
public final class AccessControl implements RequestFilter {
  private static final Logger LOG = LoggerFactory.getLogger(AccessControl.class);
  private static final AttributeKey<String> ROUTE = AttributeKey.stringKey("http.route");
  private static final AttributeKey<String> REASON = AttributeKey.stringKey("modmirror.reason");
  private static final String BEARER = "bearer ";
  private static final String BASIC = "basic ";

  private final TokenStore tokens;
  private final AccessRules rules;
  private final Map<String, Access> byRoute;
  private final LongCounter denied;

  private AccessControl(
      TokenStore tokens, AccessRules rules, Map<String, Access> byRoute, OpenTelemetry telemetry) {
    this.tokens = tokens;
    this.rules = rules;
    this.byRoute = Map.copyOf(byRoute);
    this.denied =
        telemetry
            .getMeter(Telemetry.SCOPE)
            .counterBuilder("modmirror.http.denied")
            .setDescription("Requests refused by access control, by route and reason")
            .build();
  }

  public static Builder builder(TokenStore tokens, AccessRules rules) {
    return new Builder(tokens, rules);
  }

  @Override
  public Optional<Response> check(Route route, Request request) {
    Access access = byRoute.get(route.name());
    if (access == null) {
      LOG.error(
          "http {} {}: no access rule for this route; refused", request.method(), route.name());
      return deny(route, request, "no-rule", "-", Response.text(403, "forbidden"));
    }
    if (access.kind() != Access.Kind.TOKEN) {
      return Optional.empty();
    }
    Optional<String> header = request.header("Authorization");
    boolean bearer =
        header.isPresent() && header.get().regionMatches(true, 0, BEARER, 0, BEARER.length());
    Optional<String> basic = header.flatMap(AccessControl::basicPassword);
    String presented =
        basic.orElseGet(
            () -> header.map(h -> bearer ? h.substring(BEARER.length()).strip() : h).orElse(null));
    TokenVerifier.Verdict verdict =
        tokens.verifier().verify(presented, bearer || basic.isPresent());
    String id = verdict.entry().map(e -> e.id()).orElse("-");
    if (verdict.result() != TokenVerifier.Result.AUTHENTICATED) {
      AccessRules.Decision d = rules.decide(verdict, access.role(), List.of());
      return deny(
          route,
          request,
          d.reason(),
          id,
          Response.text(401, "unauthorized: a bearer token is required")
              .withHeader("WWW-Authenticate", "Bearer realm=\"modmirror\""));
    }
    List<ModulePath> modules;
    try {
      modules = access.modules().apply(request);
    } catch (InvalidInputException e) {
      return Optional.of(Response.text(400, "bad request: " + e.getMessage()));
    }
    AccessRules.Decision d = rules.decide(verdict, access.role(), modules);
    if (d == AccessRules.Decision.ALLOW) {
      return Optional.empty();
    }
    String why =
        d == AccessRules.Decision.ROLE
            ? "forbidden: this needs the " + access.role().label() + " role"
            : "forbidden: this token may not act on these modules";
    return deny(route, request, d.reason(), id, Response.text(403, why));
  }

  /**
   * The password of a Basic {@code Authorization} header, which is where the go command puts the
   * token when a client's {@code .netrc} (or {@code GOAUTH=netrc}) names the mirror: {@code machine
   * mirror.internal login go password mmt_…}. The login is ignored. Empty for other schemes and for
   * a header that does not decode (then it is malformed, as any unknown scheme).
   */
  static Optional<String> basicPassword(String header) {
    if (!header.regionMatches(true, 0, BASIC, 0, BASIC.length())) {
      return Optional.empty();
    }
    try {
      String pair =
          new String(
              Base64.getDecoder().decode(header.substring(BASIC.length()).strip()),
              StandardCharsets.UTF_8);
      int colon = pair.indexOf(':');
      return colon < 0 ? Optional.empty() : Optional.of(pair.substring(colon + 1));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** The token store, for the reload route. */
  public TokenStore tokens() {
    return tokens;
  }

  private Optional<Response> deny(
      Route route, Request request, String reason, String id, Response response) {
    denied.add(1, Attributes.of(ROUTE, route.name(), REASON, reason));
    LOG.warn(
        "http access denied: {} {} reason={} token={} remote={}",
        request.method(),
        route.name(),
        reason,
        id,
        request.remote());
    return Optional.of(response);
  }

  /** Collects each route's access. */
  public static final class Builder {
    private final TokenStore tokens;
    private final AccessRules rules;
    private final Map<String, Access> byRoute = new HashMap<>();
    private OpenTelemetry telemetry = OpenTelemetry.noop();

    private Builder(TokenStore tokens, AccessRules rules) {
      this.tokens = tokens;
      this.rules = rules;
      // The layer's own probes: kubelet sends no token, and they say only "ok"/"ready".
      byRoute.put("/healthz", Access.open());
      byRoute.put("/readyz", Access.open());
    }

    /** The access of the route named {@code routeName} ({@link Route#name()}). */
    public Builder route(String routeName, Access access) {
      byRoute.put(routeName, access);
      return this;
    }

    public Builder telemetry(OpenTelemetry telemetry) {
      this.telemetry = telemetry;
      return this;
    }

    public AccessControl build() {
      return new AccessControl(tokens, rules, byRoute, telemetry);
    }
  }
}
