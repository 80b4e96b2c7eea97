package dev.modmirror.warmer;

import dev.modmirror.core.module.ModuleRef;
import dev.modmirror.core.store.CompletionMarker;
import dev.modmirror.core.store.ForwardingModuleStore;
import dev.modmirror.core.store.ModuleStore;

/**
 * The primary for one attempt whose check has just found {@code ref} absent: the first {@link
 * #marker} read of {@code ref} is answered {@link CompletionMarker#MISSING} without asking the
 * store again; every later one, and everything else, goes to the store.
 *
 * <p>Why it is safe: in {@link ModuleStore#save} that first read only chooses whether to claim the
 * version. The read that decides comes after the claim and is real. If another writer completed the
 * version since the check, the claim is made needlessly, the real read finds the {@code .info}, and
 * the save ends as for a complete version (already present or conflict) and removes the claim: the
 * outcome is the one a fresh first read would have given, one HEAD cheaper in the usual case. One
 * attempt, one thread: not thread-safe.
 */
final class CheckedAbsent extends ForwardingModuleStore {
  private final ModuleRef ref;
  private boolean answered;

  CheckedAbsent(ModuleStore store, ModuleRef ref) {
    super(store);
    this.ref = ref;
  }

  @Override
  public CompletionMarker marker(ModuleRef of) {
    if (!answered && of.equals(ref)) {
      answered = true;
      return CompletionMarker.MISSING;
    }
    return super.marker(of);
  }
}
