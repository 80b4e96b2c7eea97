package dev.modmirror.adapters.sumdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modmirror.core.error.NotFoundException;
import dev.modmirror.core.error.TransientException;
import dev.modmirror.core.module.ModuleRef;
import dev.modmirror.core.sumdb.InMemorySumDbStateStore;
import dev.modmirror.core.sumdb.NoteVerifier;
import dev.modmirror.core.sumdb.SumDbClient;
import dev.modmirror.core.sumdb.SumDbException;
import dev.modmirror.core.sumdb.SumDbSettings;
import dev.modmirror.testkit.sumdb.FakeSumDb;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HttpSumDbTransportTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(5);
  private static final String H1 = "h1:" + "C".repeat(43) + "=";
  private static final String MOD_H1 = "h1:" + "D".repeat(43) + "=";
  private final FakeSumDb db = FakeSumDb.start();

  @AfterEach
  void close() {
    db.close();
  }

  @Test
  void verifiesLookupsOverHttpWithTheExplicitUrl() {
    ModuleRef ref = ModuleRef.of("example.com/Upper", "v1.2.3");
    db.add(ref, H1, MOD_H1);
    SumDbSettings settings = SumDbSettings.parse(db.gosumdb(), "");
    HttpSumDbTransport transport = HttpSumDbTransport.connect(settings, List.of("off"), TIMEOUT);
    assertThat(transport.base()).isEqualTo(db.url());
    SumDbClient client =
        new SumDbClient(settings.key().orElseThrow(), transport, new InMemorySumDbStateStore());
    assertThat(client.verify(ref, H1, MOD_H1).zipLine())
        .isEqualTo("example.com/Upper v1.2.3 " + H1);
    assertThat(db.requests()).contains("/lookup/example.com/!upper@v1.2.3");
    assertThatThrownBy(() -> client.verify(ref, MOD_H1, MOD_H1))
        .isInstanceOf(SumDbException.class)
        .hasMessageContaining("sumdb-hash-mismatch");
  }

  @Test
  void routesThroughAProxyThatServesSumdb() {
    ModuleRef ref = ModuleRef.of("example.com/a", "v0.1.0");
    db.add(ref, H1, MOD_H1);
    SumDbSettings settings = SumDbSettings.parse(db.verifierKey(), "");
    HttpSumDbTransport transport =
        HttpSumDbTransport.connect(
            settings, List.of(db.url() + "/elsewhere", db.proxyUrl().toString()), TIMEOUT);
    assertThat(transport.base().toString()).isEqualTo(db.proxyUrl() + "/sumdb/fakesum.test");
    SumDbClient client =
        new SumDbClient(
            NoteVerifier.parse(db.verifierKey()), transport, new InMemorySumDbStateStore());
    assertThat(client.lookup(ref).goModHash()).isEqualTo(MOD_H1);
  }

  @Test
  void classifiesErrors() {
    HttpSumDbTransport transport =
        new HttpSumDbTransport(db.url(), HttpSumDbTransport.newClient(TIMEOUT), TIMEOUT);
    assertThatThrownBy(() -> transport.get("/lookup/example.com/none@v1.0.0"))
        .isInstanceOf(NotFoundException.class);
    db.close();
    assertThatThrownBy(() -> transport.get("/latest")).isInstanceOf(TransientException.class);
    assertThatThrownBy(
            () ->
                new HttpSumDbTransport(
                    URI.create("file:///x"), HttpSumDbTransport.newClient(TIMEOUT), TIMEOUT))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
