package dev.modmirror.adapters.http;

import dev.modmirror.core.auth.Role;
import dev.modmirror.core.module.ModulePath;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * What a route asks of a request before its handler runs; see {@link AccessControl}.
 *
 * @param kind open, its own proof, or a token with a role
 * @param role the least role, for {@link Kind#TOKEN}
 * @param modules the modules the request concerns (read from its path or body); may throw {@link
 *     dev.modmirror.core.error.InvalidInputException}, which answers 400
 */
public record Access(Kind kind, Role role, Function<Request, List<ModulePath>> modules) {
  /** How a route is protected. */
  public enum Kind {
    /** No token: liveness and readiness probes (kubelet sends none). */
    OPEN,
    /**
     * The handler checks its own proof: webhooks, whose senders (GitHub, GitLab) cannot send our
     * tokens but sign or carry a shared secret that the handler compares in constant time.
     */
    OWN_PROOF,
    /** A bearer token whose role includes {@code role}, allowed the request's modules. */
    TOKEN
  }

  public Access {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(modules, "modules");
    if (kind == Kind.TOKEN) {
      Objects.requireNonNull(role, "role");
    }
  }

  public static Access open() {
    return new Access(Kind.OPEN, null, r -> List.of());
  }

  public static Access ownProof() {
    return new Access(Kind.OWN_PROOF, null, r -> List.of());
  }

  /** A token of at least {@code role}; the request concerns no module in particular. */
  public static Access token(Role role) {
    return new Access(Kind.TOKEN, role, r -> List.of());
  }

  /** A token of at least {@code role}, allowed every module {@code modules} reads. */
  public static Access token(Role role, Function<Request, List<ModulePath>> modules) {
    return new Access(Kind.TOKEN, role, modules);
  }
}
