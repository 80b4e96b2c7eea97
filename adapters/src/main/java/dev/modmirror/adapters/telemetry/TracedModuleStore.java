package dev.modmirror.adapters.telemetry;

import dev.modmirror.core.module.ModulePath;
import dev.modmirror.core.module.ModuleRef;
import dev.modmirror.core.module.ModuleVersion;
import dev.modmirror.core.store.Artifact;
import dev.modmirror.core.store.CompletionMarker;
import dev.modmirror.core.store.ForwardingModuleStore;
import dev.modmirror.core.store.InfoFile;
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
public final class TracedModuleStore extends ForwardingModuleStore {
  private final Tracer tracer;

  private TracedModuleStore(ModuleStore delegate, Tracer tracer) {
    super(delegate);
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
          super.put(ref, artifact, content, length);
          return null;
        });
  }

  @Override
  public boolean putIfAbsent(ModuleRef ref, Artifact artifact, InputStream content, long length) {
    return Spans.inSpan(
        span("put_if_absent", ref, artifact),
        () -> super.putIfAbsent(ref, artifact, content, length));
  }

  @Override
  public CompletionMarker marker(ModuleRef ref) {
    return Spans.inSpan(span("marker", ref, Artifact.INFO), () -> super.marker(ref));
  }

  @Override
  public Optional<InfoFile> readInfo(ModuleRef ref) {
    return Spans.inSpan(span("read_info", ref, Artifact.INFO), () -> super.readInfo(ref));
  }

  @Override
  public boolean createInfo(ModuleRef ref, byte[] info, VersionHashes hashes) {
    return Spans.inSpan(
        span("create_info", ref, Artifact.INFO), () -> super.createInfo(ref, info, hashes));
  }

  @Override
  public VersionHashes claim(ModuleRef ref, VersionHashes hashes) {
    return Spans.inSpan(
        Spans.forRef(tracer, "store.claim", ref)
            .setSpanKind(SpanKind.CLIENT)
            .setAttribute(Telemetry.STORE, name()),
        () -> super.claim(ref, hashes));
  }

  @Override
  public void release(ModuleRef ref) {
    Spans.inSpan(
        Spans.forRef(tracer, "store.release", ref)
            .setSpanKind(SpanKind.CLIENT)
            .setAttribute(Telemetry.STORE, name()),
        () -> {
          super.release(ref);
          return null;
        });
  }

  @Override
  public boolean recordHashes(ModuleRef ref, VersionHashes hashes) {
    return Spans.inSpan(
        span("record_hashes", ref, Artifact.INFO), () -> super.recordHashes(ref, hashes));
  }

  @Override
  public Optional<InputStream> open(ModuleRef ref, Artifact artifact) {
    return Spans.inSpan(span("open", ref, artifact), () -> super.open(ref, artifact));
  }

  @Override
  public Optional<StoredObject> read(ModuleRef ref, Artifact artifact) {
    return Spans.inSpan(span("read", ref, artifact), () -> super.read(ref, artifact));
  }

  @Override
  public Optional<ObjectStat> stat(ModuleRef ref, Artifact artifact) {
    return Spans.inSpan(span("stat", ref, artifact), () -> super.stat(ref, artifact));
  }

  @Override
  public List<ModuleVersion> completeVersions(ModulePath path) {
    return Spans.inSpan(span("list", path), () -> super.completeVersions(path));
  }

  @Override
  public void rebuildList(ModulePath path) {
    Spans.inSpan(
        span("rebuild_list", path),
        () -> {
          super.rebuildList(path);
          return null;
        });
  }

  @Override
  public Optional<String> readList(ModulePath path) {
    return Spans.inSpan(span("read_list", path), () -> super.readList(path));
  }

  @Override
  public void delete(ModuleRef ref, Artifact artifact) {
    Spans.inSpan(
        span("delete", ref, artifact),
        () -> {
          super.delete(ref, artifact);
          return null;
        });
  }

  private SpanBuilder span(String operation, ModuleRef ref, Artifact artifact) {
    return Spans.forRef(tracer, "store." + operation, ref)
        .setSpanKind(SpanKind.CLIENT)
        .setAttribute(Telemetry.STORE, name())
        .setAttribute(
            Telemetry.ARTIFACT, artifact.extension().substring(1).toLowerCase(Locale.ROOT));
  }

  private SpanBuilder span(String operation, ModulePath path) {
    return tracer
        .spanBuilder("store." + operation)
        .setSpanKind(SpanKind.CLIENT)
        .setAttribute(Telemetry.STORE, name())
        .setAttribute(Telemetry.MODULE, path.value());
  }
}
