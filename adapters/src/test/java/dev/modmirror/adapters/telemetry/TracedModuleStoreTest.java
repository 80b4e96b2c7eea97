package dev.modmirror.adapters.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modmirror.core.error.TransientException;
import dev.modmirror.core.module.ModuleRef;
import dev.modmirror.core.store.Artifact;
import dev.modmirror.core.store.ForwardingModuleStore;
import dev.modmirror.core.store.ModuleStore;
import dev.modmirror.core.store.VersionFiles;
import dev.modmirror.core.store.VersionHashes;
import dev.modmirror.core.telemetry.Telemetry;
import dev.modmirror.testkit.contract.ModuleStoreContract;
import dev.modmirror.testkit.memory.InMemoryModuleStore;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.testing.junit5.OpenTelemetryExtension;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The traced store keeps the whole store contract and records a span for each storage call. */
class TracedModuleStoreTest extends ModuleStoreContract {
  @RegisterExtension final OpenTelemetryExtension otel = OpenTelemetryExtension.create();
  private InMemoryModuleStore memory;
  private ModuleStore traced;

  @BeforeEach
  void setUp() {
    memory = InMemoryModuleStore.create("eu");
    traced = TracedModuleStore.wrap(memory, otel.getOpenTelemetry());
  }

  @Override
  protected ModuleStore store() {
    return traced;
  }

  @Override
  protected Set<String> rawKeys() {
    return memory.keys();
  }

  @Test
  void aSaveRecordsOneSpanPerPutInWriteOrder() {
    ModuleRef ref = ModuleRef.of("example.com/traced", "v1.0.0");
    byte[] zip = "zip".getBytes(StandardCharsets.UTF_8);

    traced.save(
        ref,
        new VersionFiles(
            "module example.com/traced\n".getBytes(StandardCharsets.UTF_8),
            new ByteArrayInputStream(zip),
            zip.length,
            "{\"Version\":\"v1.0.0\"}".getBytes(StandardCharsets.UTF_8),
            new VersionHashes(
                "h1:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=",
                "h1:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=")));

    assertThat(
            otel.getSpans().stream()
                .filter(s -> s.getName().equals("store.put"))
                .map(s -> s.getAttributes().get(Telemetry.ARTIFACT)))
        .containsExactly("mod", "zip");
    // The .info is the completion marker, written only if absent: its own span, after the claim.
    assertThat(otel.getSpans())
        .extracting(SpanData::getName)
        .containsSubsequence("store.claim", "store.put", "store.put", "store.create_info");
    assertThat(otel.getSpans())
        .filteredOn(s -> s.getName().equals("store.put"))
        .allSatisfy(
            s -> {
              assertThat(s.getAttributes().get(Telemetry.STORE)).isEqualTo("eu");
              assertThat(s.getAttributes().get(Telemetry.MODULE)).isEqualTo("example.com/traced");
              assertThat(s.getAttributes().get(Telemetry.VERSION)).isEqualTo("v1.0.0");
            });
    assertThat(otel.getSpans()).extracting(SpanData::getName).contains("store.rebuild_list");
  }

  @Test
  void aFailedPutIsAFailedSpanWithItsException() {
    ModuleStore failing =
        TracedModuleStore.wrap(
            new ForwardingModuleStore(memory) {
              @Override
              public void put(ModuleRef ref, Artifact artifact, InputStream content, long length) {
                throw new TransientException("bucket unreachable (test)");
              }
            },
            otel.getOpenTelemetry());
    ModuleRef ref = ModuleRef.of("example.com/failing", "v1.0.0");

    assertThatThrownBy(
            () -> failing.put(ref, Artifact.MOD, new ByteArrayInputStream(new byte[1]), 1))
        .isInstanceOf(TransientException.class);

    SpanData span = otel.getSpans().get(0);
    assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(span.getEvents()).anySatisfy(e -> assertThat(e.getName()).isEqualTo("exception"));
    assertThat(span.getAttributes().get(Telemetry.ERROR_KIND)).isEqualTo("transient");
  }
}
