package dev.modmirror.serve;

import dev.modmirror.core.module.ModuleRef;
import dev.modmirror.core.store.Artifact;

/**
 * Where serve reports each request for a module version's file: the demand that nightly prefetch
 * ranks. Called on the request's thread; must not throw and must not block for long.
 */
@FunctionalInterface
public interface DemandSink {
  /** Reports nothing. */
  DemandSink NONE = (ref, artifact) -> {};

  void observed(ModuleRef ref, Artifact artifact);
}
