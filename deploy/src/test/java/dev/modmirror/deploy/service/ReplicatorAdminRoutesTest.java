package dev.modmirror.deploy.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modmirror.adapters.http.HttpSecurity;
import dev.modmirror.adapters.http.HttpService;
import dev.modmirror.adapters.kafka.KafkaBusConfig;
import dev.modmirror.core.auth.ApiToken;
import dev.modmirror.core.auth.Role;
import dev.modmirror.core.auth.TokenEntry;
import dev.modmirror.core.auth.TokenFile;
import dev.modmirror.core.config.Settings;
import dev.modmirror.core.hash.DirHash;
import dev.modmirror.core.store.Artifact;
import dev.modmirror.core.store.CompletionMarker;
import dev.modmirror.core.store.ObjectKeys;
import dev.modmirror.core.store.VersionFiles;
import dev.modmirror.core.store.VersionHashes;
import dev.modmirror.embedded.module.BuiltModule;
import dev.modmirror.embedded.module.ModuleBuilder;
import dev.modmirror.replicator.Purge;
import dev.modmirror.replicator.ReconcileConfig;
import dev.modmirror.replicator.Reconciler;
import dev.modmirror.replicator.ReplicatorConfig;
import dev.modmirror.testkit.memory.InMemoryEventBus;
import dev.modmirror.testkit.memory.InMemoryModuleStore;
import io.opentelemetry.api.OpenTelemetry;
import java.io.ByteArrayInputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The replicator's surface serves {@code /admin/purge} and {@code /admin/reconcile} over the real
 * use cases, to admin tokens only.
 */
class ReplicatorAdminRoutesTest {
  @TempDir Path dir;
  private final HttpClient http = HttpClient.newHttpClient();
  private final String admin = ApiToken.generate();
  private final String developer = ApiToken.generate();
  private final InMemoryModuleStore primary = InMemoryModuleStore.create("primary");
  private final InMemoryModuleStore eu = InMemoryModuleStore.create("eu");

  @Test
  void adminsPurgeAndReconcileOthersAreRefused() throws Exception {
    BuiltModule kept = module("example.com/kept");
    BuiltModule purged = module("example.com/purged");
    save(kept);
    save(purged);
    try (InMemoryEventBus bus = InMemoryEventBus.create();
        HttpService surface = start(bus)) {
      int port = surface.port();
      String ref = purged.ref().toString();

      assertThat(post(port, "/admin/purge", null, ref + " why").statusCode()).isEqualTo(401);
      assertThat(post(port, "/admin/purge", developer, ref + " why").statusCode()).isEqualTo(403);
      assertThat(post(port, "/admin/reconcile", developer, "").statusCode()).isEqualTo(403);
      assertThat(post(port, "/admin/purge", admin, ref).statusCode()).isEqualTo(400);
      assertThat(post(port, "/admin/purge", admin, "not-a-module why").statusCode()).isEqualTo(400);
      assertThat(primary.marker(purged.ref())).isInstanceOf(CompletionMarker.Recorded.class);

      HttpResponse<String> done = post(port, "/admin/purge", admin, ref + " malicious upload");
      assertThat(done.statusCode()).as(done.body()).isEqualTo(200);
      assertThat(done.body()).contains("purged from primary").contains("purged from eu");
      assertThat(primary.readRecord(ObjectKeys.tombstone(purged.ref()))).isPresent();

      assertThat(post(port, "/admin/reconcile", admin, "dry-run=maybe\nbad line").statusCode())
          .isEqualTo(400);
      HttpResponse<String> started = post(port, "/admin/reconcile", admin, "prefix=example.com/");
      assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
      for (int i = 0; i < 600 && eu.marker(kept.ref()) instanceof CompletionMarker.Missing; i++) {
        Thread.sleep(50);
      }
      assertThat(eu.marker(kept.ref())).isInstanceOf(CompletionMarker.Recorded.class);
      assertThat(eu.stat(purged.ref(), Artifact.ZIP)).isEmpty();
    }
  }

  private HttpService start(InMemoryEventBus bus) throws Exception {
    Path tokens = dir.resolve("tokens");
    Files.writeString(
        tokens,
        String.join(
            "\n",
            TokenFile.line(new TokenEntry("ops", Role.ADMIN, ApiToken.hash(admin), "")),
            TokenFile.line(new TokenEntry("ci", Role.DEVELOPER, ApiToken.hash(developer), ""))));
    ReplicatorConfig config = new ReplicatorConfig(dir, 2, Duration.ofMillis(1), "r", 1);
    AdminActions actions =
        new AdminActions(
            new Purge(primary, List.of(eu), bus, Clock.systemUTC()),
            new Reconciler(primary, List.of(eu), bus, config, Clock.systemUTC()),
            ReconcileConfig.from(Settings.fromEnvironment(Map.of())));
    HttpService.Builder builder =
        HttpService.builder()
            .name("replicator")
            .bind(new InetSocketAddress("127.0.0.1", 0))
            .telemetry(OpenTelemetry.noop());
    return new AdminRoutes(
            builder, new HttpSecurity(Optional.of(tokens), Optional.empty(), "PKCS12", ""))
        .common(
            List::of,
            // Never reached: these tests do not replay (SurfaceAccessIT does, on a real broker).
            new DlqReplayAction(KafkaBusConfig.of("127.0.0.1:9", "unused"), Clock.systemUTC()),
            Optional.of(actions))
        .start("replicator", m -> false, OpenTelemetry.noop());
  }

  private HttpResponse<String> post(int port, String path, String token, String body)
      throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(30))
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private void save(BuiltModule m) throws Exception {
    Path zip = Files.write(dir.resolve("h.zip"), m.zip());
    VersionHashes hashes = new VersionHashes(DirHash.hashZip(zip), DirHash.hashGoMod(m.mod()));
    primary.save(
        m.ref(),
        new VersionFiles(
            m.mod(), new ByteArrayInputStream(m.zip()), m.zip().length, m.info(), hashes));
  }

  private static BuiltModule module(String path) {
    return ModuleBuilder.module(path).version("v1.0.0").file("a.go", "package a\n").build();
  }
}
