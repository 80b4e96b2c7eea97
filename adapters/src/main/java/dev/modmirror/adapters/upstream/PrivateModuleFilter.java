package dev.modmirror.adapters.upstream;

import dev.modmirror.core.module.ModulePath;
import dev.modmirror.core.module.ModuleRef;
import dev.modmirror.core.module.ModuleVersion;
import dev.modmirror.core.store.Artifact;
import dev.modmirror.core.upstream.GoEnv;
import dev.modmirror.core.upstream.Upstream;
import java.io.InputStream;
import java.util.List;

/**
 * The go command's implicit "noproxy" entry: a module matched by GONOPROXY (default GOPRIVATE) is
 * fetched directly by Go, never through GOPROXY, so modmirror answers not-found "private: not
 * mirrored" for it without asking any upstream.
 */
final class PrivateModuleFilter implements Upstream {
  private final GoEnv env;
  private final Upstream delegate;

  PrivateModuleFilter(GoEnv env, Upstream delegate) {
    this.env = env;
    this.delegate = delegate;
  }

  @Override
  public InputStream open(ModuleRef ref, Artifact artifact) {
    env.refuseIfPrivate(ref.path(), ref.version().value()).ifPresent(e -> throwIt(e));
    return delegate.open(ref, artifact);
  }

  @Override
  public List<ModuleVersion> list(ModulePath path) {
    env.refuseIfPrivate(path, null).ifPresent(e -> throwIt(e));
    return delegate.list(path);
  }

  @Override
  public ModuleVersion latest(ModulePath path) {
    env.refuseIfPrivate(path, null).ifPresent(e -> throwIt(e));
    return delegate.latest(path);
  }

  @Override
  public String describe() {
    return delegate.describe() + " (GONOPROXY=" + env.gonoproxy() + ")";
  }

  @Override
  public String toString() {
    return "PrivateModuleFilter[" + describe() + "]";
  }

  private static void throwIt(RuntimeException e) {
    throw e;
  }
}
