package dev.modmirror.adapters.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modmirror.core.config.Settings;
import dev.modmirror.core.error.InvalidInputException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HttpsTest {
  private static final String PASSWORD = "ks-pass-9f2e";
  @TempDir Path dir;

  @Test
  void servesHttpsFromAConfiguredKeyStore() throws Exception {
    Path store = keyStore();
    HttpSecurity security =
        new HttpSecurity(Optional.empty(), Optional.of(store), "PKCS12", PASSWORD);
    HttpService.Builder b =
        HttpService.builder().route(Route.of("GET", "/x", 0, r -> Response.text(200, "tls")));
    assertThat(security.apply(b, null, io.opentelemetry.api.OpenTelemetry.noop(), a -> {}))
        .isEmpty();
    try (HttpService service = b.start()) {
      HttpClient client = HttpClient.newBuilder().sslContext(trustAll()).build();
      HttpResponse<String> r =
          client.send(
              HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + service.port() + "/x"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(r.body()).isEqualTo("tls\n");
      assertThat(r.sslSession()).isPresent();
    }
    assertThat(security.toString()).doesNotContain(PASSWORD);
  }

  @Test
  void aKeyStoreThatCannotBeOpenedIsAStartUpProblemWithoutItsPassword() throws Exception {
    Path store = keyStore();
    Settings s =
        Settings.fromEnvironment(
            Map.of(
                "MODMIRROR_TLS_KEYSTORE", store.toString(),
                "MODMIRROR_TLS_KEYSTORE_PASSWORD", "wrong-" + PASSWORD,
                "MODMIRROR_AUTH_TOKENS_FILE", dir.resolve("absent").toString()));
    HttpSecurity.from(s);
    assertThatThrownBy(s::validate)
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("MODMIRROR_TLS_KEYSTORE: cannot load the key store")
        .hasMessageContaining("MODMIRROR_AUTH_TOKENS_FILE: cannot read the token file")
        .hasMessageNotContaining(PASSWORD);
  }

  private Path keyStore() throws Exception {
    Path store = dir.resolve("server.p12");
    Process p =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair",
                "-alias",
                "modmirror",
                "-keyalg",
                "EC",
                "-dname",
                "CN=127.0.0.1",
                "-ext",
                "SAN=ip:127.0.0.1",
                "-validity",
                "2",
                "-storetype",
                "PKCS12",
                "-keystore",
                store.toString(),
                "-storepass",
                PASSWORD)
            .redirectErrorStream(true)
            .start();
    p.getInputStream().readAllBytes();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).isZero();
    return store;
  }

  private static SSLContext trustAll() throws Exception {
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(
        null,
        new TrustManager[] {
          new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {}

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {}

            @Override
            public X509Certificate[] getAcceptedIssuers() {
              return new X509Certificate[0];
            }
          }
        },
        null);
    return context;
  }
}
