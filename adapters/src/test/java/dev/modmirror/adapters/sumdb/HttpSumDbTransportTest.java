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
    HttpSumDbTransport transport =
        (HttpSumDbTransport) HttpSumDbTransport.connect(settings, List.of("off"), TIMEOUT);
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
        (HttpSumDbTransport)
            HttpSumDbTransport.connect(
                settings, List.of(db.url() + "/elsewhere", db.proxyUrl().toString()), TIMEOUT);
    assertThat(transport.base().toString()).isEqualTo(db.proxyUrl() + "/sumdb/fakesum.test");
    SumDbClient client =
        new SumDbClient(
            NoteVerifier.parse(db.verifierKey()), transport, new InMemorySumDbStateStore());
    assertThat(client.lookup(ref).goModHash()).isEqualTo(MOD_H1);
  }

  @Test
  void followsRedirectsAsTheGoCommandDoes() throws Exception {
    ModuleRef ref = ModuleRef.of("example.com/r", "v1.0.0");
    db.add(ref, H1, MOD_H1);
    com.sun.net.httpserver.HttpServer redirector =
        com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
    redirector.createContext(
        "/",
        exchange -> {
          exchange
              .getResponseHeaders()
              .add("Location", db.url() + exchange.getRequestURI().getPath());
          exchange.sendResponseHeaders(302, -1);
          exchange.close();
        });
    redirector.start();
    try {
      URI moved = URI.create("http://127.0.0.1:" + redirector.getAddress().getPort());
      HttpSumDbTransport transport =
          new HttpSumDbTransport(moved, HttpSumDbTransport.newClient(TIMEOUT), TIMEOUT);
      SumDbClient client =
          new SumDbClient(
              NoteVerifier.parse(db.verifierKey()), transport, new InMemorySumDbStateStore());
      assertThat(client.lookup(ref).zipHash()).isEqualTo(H1);
    } finally {
      redirector.stop(0);
    }
  }

  @Test
  void probesAFileProxyForSupportedAndReadsTheDatabaseFromIt(
      @org.junit.jupiter.api.io.TempDir java.nio.file.Path tree) throws Exception {
    SumDbSettings settings = SumDbSettings.parse(db.verifierKey(), "");
    java.nio.file.Path sumdb = tree.resolve("sumdb/fakesum.test");
    java.nio.file.Files.createDirectories(sumdb.resolve("lookup"));
    java.nio.file.Files.writeString(sumdb.resolve("supported"), "");
    java.nio.file.Files.writeString(sumdb.resolve("lookup/x"), "record");
    dev.modmirror.core.sumdb.SumDbTransport transport =
        HttpSumDbTransport.connect(
            settings,
            dev.modmirror.core.upstream.GoproxyList.parse(tree.toUri() + ",direct"),
            TIMEOUT);
    assertThat(transport).isInstanceOf(FileSumDbTransport.class);
    assertThat(new String(transport.get("/lookup/x"), java.nio.charset.StandardCharsets.UTF_8))
        .isEqualTo("record");
    assertThatThrownBy(() -> transport.get("/lookup/none")).isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> transport.get("/../../etc/passwd"))
        .isInstanceOf(dev.modmirror.core.error.PermanentException.class);
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
