package dev.modmirror.deploy.serve;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modmirror.adapters.http.HttpSecurity;
import dev.modmirror.adapters.http.HttpService;
import dev.modmirror.core.auth.ApiToken;
import dev.modmirror.core.auth.Role;
import dev.modmirror.core.auth.TokenEntry;
import dev.modmirror.core.auth.TokenFile;
import dev.modmirror.core.hash.DirHash;
import dev.modmirror.core.store.VersionFiles;
import dev.modmirror.core.store.VersionHashes;
import dev.modmirror.embedded.module.BuiltModule;
import dev.modmirror.embedded.module.ModuleBuilder;
import dev.modmirror.gotool.GoResult;
import dev.modmirror.gotool.GoSandbox;
import dev.modmirror.gotool.GoToolchain;
import dev.modmirror.serve.DemandSink;
import dev.modmirror.serve.ServeConfig;
import dev.modmirror.serve.ServeGoproxy;
import dev.modmirror.testkit.memory.InMemoryEventBus;
import dev.modmirror.testkit.memory.InMemoryModuleStore;
import io.opentelemetry.api.OpenTelemetry;
import java.io.ByteArrayInputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The go command reads a mirror that has access control on, as a team's builds would: with the
 * token in a {@code .netrc} entry for the mirror's host (the go command sends it as Basic), with
 * none, and with a reader token that is not given the private module.
 */
class ServeAccessGoIT {
  private static final String PASSWORD = "changeit-serve";
  private static final BuiltModule PUBLIC = module("example.com/open");
  private static final BuiltModule PRIVATE = module("git.corp.example/secret");

  private final String reader = ApiToken.generate();
  private final String corpReader = ApiToken.generate();
  private final InMemoryModuleStore store = InMemoryModuleStore.create("eu");
  private final InMemoryEventBus bus = InMemoryEventBus.create();
  private GoToolchain go;
  private HttpService http;
  @TempDir Path dir;

  @BeforeEach
  void start() throws Exception {
    go = GoToolchain.require();
    for (BuiltModule m : List.of(PUBLIC, PRIVATE)) {
      Path zip = Files.write(dir.resolve("m.zip"), m.zip());
      store.save(
          m.ref(),
          new VersionFiles(
              m.mod(),
              new ByteArrayInputStream(m.zip()),
              m.zip().length,
              m.info(),
              new VersionHashes(DirHash.hashZip(zip), DirHash.hashGoMod(m.mod()))));
    }
    Path tokens = dir.resolve("tokens");
    Files.writeString(
        tokens,
        TokenFile.line(new TokenEntry("builds", Role.READER, ApiToken.hash(reader), ""))
            + "\n"
            + TokenFile.line(
                new TokenEntry(
                    "corp-builds", Role.READER, ApiToken.hash(corpReader), "git.corp.example"))
            + "\n");
    ServeGoproxy serve =
        new ServeGoproxy(
            store,
            Optional.empty(),
            bus,
            DemandSink.NONE,
            OpenTelemetry.noop(),
            ServeConfig.defaults(),
            Clock.systemUTC());
    http =
        GoproxyHttp.start(
            serve,
            new InetSocketAddress("127.0.0.1", 0),
            new HttpSecurity(Optional.of(tokens), Optional.of(keyStore()), "PKCS12", PASSWORD),
            path -> path.value().startsWith("git.corp.example/"),
            OpenTelemetry.noop());
  }

  @AfterEach
  void stop() {
    http.close();
    bus.close();
  }

  @Test
  void withoutATokenGoSees401() throws Exception {
    GoResult result = download(Optional.empty(), PUBLIC);

    assertThat(result.ok()).as(result.stdout()).isFalse();
    assertThat(result.stdout()).contains("401 Unauthorized");
  }

  @Test
  void aReaderTokenInNetrcReadsPublicModulesButNotAPrivateOne() throws Exception {
    GoResult open = download(Optional.of(reader), PUBLIC);
    GoResult secret = download(Optional.of(reader), PRIVATE);

    assertThat(open.ok()).as(open.stdout()).isTrue();
    assertThat(open.stdout()).contains("\"Version\": \"v1.0.0\"");
    assertThat(secret.ok()).as(secret.stdout()).isFalse();
    assertThat(secret.stdout()).contains("403 Forbidden");
  }

  @Test
  void aTokenGivenThePrivateModuleReadsIt() throws Exception {
    GoResult secret = download(Optional.of(corpReader), PRIVATE);

    assertThat(secret.ok()).as(secret.stdout()).isTrue();
  }

  private GoResult download(Optional<String> token, BuiltModule m) throws Exception {
    // The go command sends .netrc credentials over HTTPS only: serve with TLS, trusted through
    // SSL_CERT_FILE as a team's CA would be.
    try (GoSandbox sandbox = GoSandbox.isolated("https://127.0.0.1:" + http.port(), "off")) {
      Path netrc = sandbox.root().resolve("netrc");
      Files.writeString(
          netrc,
          token
              .map(t -> "machine 127.0.0.1:" + http.port() + " login go password " + t + "\n")
              .orElse(""));
      GoSandbox env =
          sandbox.with(
              Map.of("NETRC", netrc.toString(), "SSL_CERT_FILE", dir.resolve("ca.pem").toString()));
      return go.run(
          env,
          sandbox.root(),
          Duration.ofMinutes(2),
          "mod",
          "download",
          "-json",
          m.ref().path().value() + "@" + m.ref().version().value());
    }
  }

  /** A self-signed certificate for 127.0.0.1 in a PKCS12 store, and its PEM as the clients' CA. */
  private Path keyStore() throws Exception {
    Path store = dir.resolve("serve.p12");
    keytool(
        "-genkeypair",
        "-alias",
        "serve",
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
        PASSWORD);
    keytool(
        "-exportcert",
        "-rfc",
        "-alias",
        "serve",
        "-keystore",
        store.toString(),
        "-storepass",
        PASSWORD,
        "-file",
        dir.resolve("ca.pem").toString());
    return store;
  }

  private static void keytool(String... args) throws Exception {
    List<String> command = new java.util.ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
  }

  private static BuiltModule module(String path) {
    return ModuleBuilder.module(path).version("v1.0.0").file("a.go", "package a\n").build();
  }
}
