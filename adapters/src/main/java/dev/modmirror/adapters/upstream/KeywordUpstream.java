package dev.modmirror.adapters.upstream;

import dev.modmirror.core.error.PermanentException;
import dev.modmirror.core.module.ModulePath;
import dev.modmirror.core.module.ModuleRef;
import dev.modmirror.core.module.ModuleVersion;
import dev.modmirror.core.store.Artifact;
import dev.modmirror.core.upstream.NotMirrored;
import dev.modmirror.core.upstream.Upstream;
import java.io.InputStream;
import java.util.List;

/** The GOPROXY keywords as upstreams: {@code direct} (not supported: not-found) and {@code off}. */
final class KeywordUpstream implements Upstream {
  private final boolean off;

  private KeywordUpstream(boolean off) {
    this.off = off;
  }

  /** Answers not-found with {@link NotMirrored#DIRECT_REASON}: modmirror never fetches from VCS. */
  static KeywordUpstream direct() {
    return new KeywordUpstream(false);
  }

  /** Fails every fetch permanently with "GOPROXY=off". */
  static KeywordUpstream off() {
    return new KeywordUpstream(true);
  }

  @Override
  public InputStream open(ModuleRef ref, Artifact artifact) {
    throw refusal(ref.path().value(), ref.version().value());
  }

  @Override
  public List<ModuleVersion> list(ModulePath path) {
    throw refusal(path.value(), null);
  }

  @Override
  public ModuleVersion latest(ModulePath path) {
    throw refusal(path.value(), null);
  }

  @Override
  public String describe() {
    return off ? "off" : "direct";
  }

  @Override
  public String toString() {
    return describe();
  }

  private RuntimeException refusal(String module, String version) {
    return off
        ? new PermanentException("module lookup disabled by GOPROXY=off", module, version)
        : NotMirrored.direct(module, version);
  }
}
