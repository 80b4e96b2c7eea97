package dev.modmirror.adapters.upstream;

import dev.modmirror.core.error.NotFoundException;
import dev.modmirror.core.module.ModulePath;
import dev.modmirror.core.module.ModuleRef;
import dev.modmirror.core.module.ModuleVersion;
import dev.modmirror.core.store.Artifact;
import dev.modmirror.core.upstream.GoEnv;
import dev.modmirror.core.upstream.Upstream;
import dev.modmirror.core.upstream.health.BreakerState;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

/**
 * The pool form's routing. For each request: the members that may see the module (a private module
 * only private members, a public one only public members, each narrowed by its own globs), ordered
 * by cost (recent latency, requests in flight, weight; open breakers last), then tried in that
 * order with GOPROXY {@code |} semantics: any error falls through to the next. A private module
 * that no private member serves is refused "private: not mirrored" before anything is contacted, so
 * its name never reaches a public upstream, not even when every private one is down.
 */
final class RankedRouter implements Upstream {
  private final List<PoolMember> members;
  private final GoEnv env;
  private final String description;

  RankedRouter(List<PoolMember> members, GoEnv env, String description) {
    this.members = List.copyOf(members);
    this.env = env;
    this.description = description;
  }

  @Override
  public InputStream open(ModuleRef ref, Artifact artifact) {
    return route(ref.path(), ref.version().value(), u -> u.open(ref, artifact));
  }

  @Override
  public List<ModuleVersion> list(ModulePath path) {
    return route(path, null, u -> u.list(path));
  }

  @Override
  public ModuleVersion latest(ModulePath path) {
    return route(path, null, u -> u.latest(path));
  }

  @Override
  public String describe() {
    return description;
  }

  /** The members {@code path} may go to, best first; package-private for tests. */
  List<PoolMember> candidates(ModulePath path, String version) {
    boolean isPrivate = env.isPrivate(path);
    List<Ranked> ranked = new ArrayList<>();
    for (int i = 0; i < members.size(); i++) {
      PoolMember m = members.get(i);
      if (m.serves(path, isPrivate)) {
        GuardedUpstream u = m.upstream();
        ranked.add(new Ranked(m, u.breakerState() == BreakerState.OPEN, u.cost(m.weight()), i));
      }
    }
    if (ranked.isEmpty()) {
      throw isPrivate
          ? env.privateRefusal(path, version)
          : new NotFoundException(
              "no configured upstream serves " + path.value(), path.value(), version);
    }
    ranked.sort(
        Comparator.comparing(Ranked::open)
            .thenComparingDouble(Ranked::cost)
            .thenComparing(r -> -r.member().weight())
            .thenComparingInt(Ranked::index));
    return ranked.stream().map(Ranked::member).toList();
  }

  private <T> T route(ModulePath path, String version, Function<Upstream, T> call) {
    List<ChainedUpstream.Link> links =
        candidates(path, version).stream()
            .map(m -> new ChainedUpstream.Link(m.upstream(), true))
            .toList();
    return call.apply(new ChainedUpstream(links, description));
  }

  private record Ranked(PoolMember member, boolean open, double cost, int index) {}
}
