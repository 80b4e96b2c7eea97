package dev.modmirror.testkit.memory;

import dev.modmirror.core.error.NotFoundException;
import dev.modmirror.core.module.ModulePath;
import dev.modmirror.core.module.ModuleRef;
import dev.modmirror.core.module.ModuleVersion;
import dev.modmirror.core.store.Artifact;
import dev.modmirror.core.upstream.Upstream;
import dev.modmirror.embedded.module.BuiltModule;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * An {@link Upstream} serving built modules from memory, for unit tests of the services' logic.
 * Failures are scripted per module version: the next {@code open} calls throw the given exceptions
 * in order. HTTP-level faults belong to {@code FakeGoProxy}.
 */
public final class InMemoryUpstream implements Upstream {
  private final Map<ModuleRef, BuiltModule> modules = new ConcurrentHashMap<>();
  private final Map<ModuleRef, Deque<Supplier<RuntimeException>>> failures =
      new ConcurrentHashMap<>();

  private InMemoryUpstream() {}

  public static InMemoryUpstream create() {
    return new InMemoryUpstream();
  }

  /** Serves {@code module}; returns this for chaining. */
  public InMemoryUpstream add(BuiltModule module) {
    modules.put(module.ref(), module);
    return this;
  }

  /** The next {@code open} of {@code ref} (any artifact) throws what {@code failure} makes. */
  public InMemoryUpstream failNext(ModuleRef ref, Supplier<RuntimeException> failure) {
    failures.computeIfAbsent(ref, k -> new ArrayDeque<>()).add(failure);
    return this;
  }

  @Override
  public InputStream open(ModuleRef ref, Artifact artifact) {
    Deque<Supplier<RuntimeException>> queue = failures.get(ref);
    Supplier<RuntimeException> failure = queue == null ? null : queue.poll();
    if (failure != null) {
      throw failure.get();
    }
    BuiltModule module = modules.get(ref);
    if (module == null) {
      throw new NotFoundException("not found: " + ref + artifact.extension(), ref);
    }
    byte[] bytes =
        switch (artifact) {
          case ZIP -> module.zip();
          case MOD -> module.mod();
          case INFO -> module.info();
        };
    return new ByteArrayInputStream(bytes);
  }

  @Override
  public List<ModuleVersion> list(ModulePath path) {
    return modules.keySet().stream()
        .filter(ref -> ref.path().equals(path))
        .map(ModuleRef::version)
        .sorted()
        .toList();
  }

  @Override
  public String describe() {
    return "memory";
  }
}
