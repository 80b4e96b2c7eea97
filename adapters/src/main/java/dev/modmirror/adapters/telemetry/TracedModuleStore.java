package dev.modmirror.adapters.telemetry;

import dev.modmirror.core.module.ModulePath;
import dev.modmirror.core.module.ModuleRef;
import dev.modmirror.core.module.ModuleVersion;
import dev.modmirror.core.store.Artifact;
import dev.modmirror.core.store.CompletionMarker;
import dev.modmirror.core.store.ModuleStore;
import dev.modmirror.core.store.ObjectStat;
import dev.modmirror.core.store.StoredObject;
import dev.modmirror.core.store.VersionHashes;
import dev.modmirror.core.telemetry.Spans;
import dev.modmirror.core.telemetry.Telemetry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import java.io.InputStream;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A {@link ModuleStore} that records a client span for every call to the store beneath: each put of
 * a save ({@code .mod}, {@code .zip}, {@code .info}, the list), each read, stat, list and delete,
 * with the store, module, version and artifact as attributes, failures marked. A wrapper (as athens
 * adds behaviour with wrappers), so no adapter knows about tracing; {@link #save} is the port's
 * own, so its writes pass through here one by one.
 */
public final class TracedModuleStore implements ModuleStore {
  private final ModuleStore delegate;
  private final Tracer tracer;

  private TracedModuleStore(ModuleStore delegate, Tracer tracer) {
    this.delegate = delegate;
    this.tracer = tracer;
  }

  /** {@code store}, traced through {@code telemetry}. */
  public static ModuleStore wrap(ModuleStore store, OpenTelemetry telemetry) {
    return new TracedModuleStore(store, telemetry.getTracer(Telemetry.SCOPE));
  }

  @Override
  public void put(ModuleRef ref, Artifact artifact, InputStream content, long length) {
    Spans.inSpan(
        span("put", ref, artifact),
        () -> {
          delegate.put(ref, artifact, content, length);
          return null;
        });
  }

  @Override
  public CompletionMarker marker(ModuleRef ref) {
    return Spans.inSpan(span("marker", ref, Artifact.INFO), () -> delegate.marker(ref));
  }

  @Override
  public boolean createInfo(ModuleRef ref, byte[] info, VersionHashes hashes) {
    return Spans.inSpan(
        span("create_info", ref, Artifact.INFO), () -> delegate.createInfo(ref, info, hashes));
  }

  @Override
  public VersionHashes claim(ModuleRef ref, VersionHashes hashes) {
    return Spans.inSpan(
        Spans.forRef(tracer, "store.claim", ref)
            .setSpanKind(SpanKind.CLIENT)
            .setAttribute(Telemetry.STORE, delegate.name()),
        () -> delegate.claim(ref, hashes));
  }

  @Override
  public void release(ModuleRef ref) {
    Spans.inSpan(
        Spans.forRef(tracer, "store.release", ref)
            .setSpanKind(SpanKind.CLIENT)
            .setAttribute(Telemetry.STORE, delegate.name()),
        () -> {
          delegate.release(ref);
          return null;
        });
  }

  @Override
  public boolean recordHashes(ModuleRef ref, VersionHashes hashes) {
    return Spans.inSpan(
        span("record_hashes", ref, Artifact.INFO), () -> delegate.recordHashes(ref, hashes));
  }

  // The layouts are the adapter's own (Athens' trees beside ours): forwarded, or a traced store
  // would fall back to the port's defaults and skip them.
  @Override
  public void writeLayouts(ModuleRef ref, byte[] info) {
    delegate.writeLayouts(ref, info);
  }

  @Override
  public boolean layoutsComplete(ModuleRef ref) {
    return delegate.layoutsComplete(ref);
  }

  @Override
  public void completeLayouts(ModuleRef ref) {
    delegate.completeLayouts(ref);
  }

  @Override
  public Optional<InputStream> open(ModuleRef ref, Artifact artifact) {
    return Spans.inSpan(span("open", ref, artifact), () -> delegate.open(ref, artifact));
  }

  @Override
  public Optional<StoredObject> read(ModuleRef ref, Artifact artifact) {
    return Spans.inSpan(span("read", ref, artifact), () -> delegate.read(ref, artifact));
  }

  @Override
  public Optional<ObjectStat> stat(ModuleRef ref, Artifact artifact) {
    return Spans.inSpan(span("stat", ref, artifact), () -> delegate.stat(ref, artifact));
  }

  @Override
  public List<ModuleVersion> completeVersions(ModulePath path) {
    return Spans.inSpan(span("list", path), () -> delegate.completeVersions(path));
  }

  @Override
  public void rebuildList(ModulePath path) {
    Spans.inSpan(
        span("rebuild_list", path),
        () -> {
          delegate.rebuildList(path);
          return null;
        });
  }

  @Override
  public Optional<String> readList(ModulePath path) {
    return Spans.inSpan(span("read_list", path), () -> delegate.readList(path));
  }

  @Override
  public void delete(ModuleRef ref, Artifact artifact) {
    Spans.inSpan(
        span("delete", ref, artifact),
        () -> {
          delegate.delete(ref, artifact);
          return null;
        });
  }

  @Override
  public String name() {
    return delegate.name();
  }

  private SpanBuilder span(String operation, ModuleRef ref, Artifact artifact) {
    return Spans.forRef(tracer, "store." + operation, ref)
        .setSpanKind(SpanKind.CLIENT)
        .setAttribute(Telemetry.STORE, delegate.name())
        .setAttribute(
            Telemetry.ARTIFACT, artifact.extension().substring(1).toLowerCase(Locale.ROOT));
  }

  private SpanBuilder span(String operation, ModulePath path) {
    return tracer
        .spanBuilder("store." + operation)
        .setSpanKind(SpanKind.CLIENT)
        .setAttribute(Telemetry.STORE, delegate.name())
        .setAttribute(Telemetry.MODULE, path.value());
  }
}
