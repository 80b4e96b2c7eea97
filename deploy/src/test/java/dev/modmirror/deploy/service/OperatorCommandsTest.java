package dev.modmirror.deploy.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modmirror.adapters.http.HttpService;
import dev.modmirror.adapters.http.Response;
import dev.modmirror.adapters.http.Route;
import dev.modmirror.adapters.upstream.UpstreamStatus;
import dev.modmirror.adapters.upstream.UpstreamStatusJson;
import dev.modmirror.core.auth.ApiToken;
import dev.modmirror.core.auth.Role;
import dev.modmirror.core.auth.TokenFile;
import dev.modmirror.core.upstream.health.BreakerState;
import dev.modmirror.embedded.module.ModuleBuilder;
import dev.modmirror.testkit.goproxy.FakeGoProxy;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code modmirror token} and {@code modmirror upstreams} as an operator runs them. */
class OperatorCommandsTest {
  @TempDir Path dir;

  @Test
  void tokenCreatePrintsTheTokenOnceAndStoresOnlyItsHash() throws Exception {
    Path file = dir.resolve("tokens");
    Run created = token("create", "--role", "reader", "--id", "dash", "--file", file.toString());
    assertThat(created.code).isZero();
    String token = created.out.strip();
    assertThat(ApiToken.wellFormed(token)).isTrue();
    String stored = Files.readString(file);
    assertThat(stored).doesNotContain(token).contains(ApiToken.stored(ApiToken.hash(token)));
    assertThat(TokenFile.parse(stored)).singleElement().matches(e -> e.role() == Role.READER);
    assertThat(created.err).contains("dash").doesNotContain(token);

    Run corp =
        token(
            "create",
            "--role",
            "developer",
            "--modules",
            "git.corp.example",
            "--file",
            file.toString());
    assertThat(token("list", "--file", file.toString()).out)
        .contains("dash")
        .contains("developer  git.corp.example")
        .doesNotContain("sha256")
        .doesNotContain(corp.out.strip());
    assertThat(token("create", "--role", "admin", "--id", "dash", "--file", file.toString()).code)
        .as("ids are unique")
        .isEqualTo(2);
    assertThat(token("revoke", "--id", "dash", "--file", file.toString()).code).isZero();
    assertThat(TokenFile.parse(Files.readString(file))).hasSize(1);
    assertThat(token("create", "--role", "chief", "--file", file.toString()).err)
        .contains("unknown role 'chief'");
  }

  @Test
  void tokenCreateForASecretPrintsTheLineInsteadOfWritingAFile() {
    Run r = token("create", "--role", "admin", "--id", "ops", "--print-line");
    assertThat(r.code).isZero();
    assertThat(r.err).contains("ops admin sha256:").doesNotContain(r.out.strip());
  }

  @Test
  void upstreamsProbesEachUpstreamAndShowsNoCredential() throws Exception {
    try (FakeGoProxy good = FakeGoProxy.start()) {
      good.add(ModuleBuilder.module("golang.org/x/mod").version("v0.1.0").build());
      int dead;
      try (ServerSocket s = new ServerSocket(0)) {
        dead = s.getLocalPort();
      }
      Map<String, String> env =
          Map.of(
              "MODMIRROR_UPSTREAMS", "good,gone",
              "MODMIRROR_UPSTREAM_GOOD_URL", good.baseUrl().toString(),
              "MODMIRROR_UPSTREAM_GOOD_TOKEN", "upstream-tok-7c1d",
              "MODMIRROR_UPSTREAM_GONE_URL", "http://bob:pw-51e0@127.0.0.1:" + dead,
              "MODMIRROR_UPSTREAM_CONNECT_TIMEOUT", "PT2S",
              "GOAUTH", "off");
      Run table = upstreams(env);
      assertThat(table.code).as("one upstream is down").isEqualTo(1);
      assertThat(table.out)
          .contains("good")
          .contains("public")
          .containsPattern("gone +public +down +open")
          .contains("connection: ")
          .doesNotContain("upstream-tok-7c1d")
          .doesNotContain("pw-51e0");
      Run json = upstreams(env, "--json", "--probes", "1");
      assertThat(UpstreamStatusJson.read(json.out))
          .extracting(UpstreamStatus::name)
          .containsExactly("good", "gone");
      assertThat(good.requests()).allMatch(r -> r.path().equals("/golang.org/x/mod/@v/list"));
    }
  }

  @Test
  void upstreamsReadsARunningServicesStatus() throws Exception {
    UpstreamStatus up =
        new UpstreamStatus(
            "golang",
            "https://proxy.golang.org",
            false,
            "",
            2,
            true,
            BreakerState.CLOSED,
            12.5,
            OptionalDouble.of(0.999),
            0,
            0,
            0,
            "");
    try (HttpService service =
        HttpService.builder()
            .route(
                Route.of(
                    "GET",
                    "/status/upstreams",
                    0,
                    r ->
                        r.header("Authorization").orElse("").equals("Bearer mmt_x")
                            ? Response.json(200, UpstreamStatusJson.write(List.of(up)))
                            : Response.text(401, "no")))
            .start()) {
      URI base = URI.create("http://127.0.0.1:" + service.port());
      Run r = upstreams(Map.of("MODMIRROR_TOKEN", "mmt_x"), "--from", base.toString());
      assertThat(r.code).isZero();
      assertThat(r.out).contains("golang").contains("closed").contains("13 ms").contains("99.9%");
      assertThat(upstreams(Map.of(), "--from", base.toString()).err)
          .contains("answered 401 (set MODMIRROR_TOKEN");
    }
  }

  private record Run(int code, String out, String err) {}

  private static Run token(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cl = commandLine(TokenCommand.class);
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    int code = cl.execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  private static Run upstreams(Map<String, String> env, String... args) {
    UpstreamsCommand command = new UpstreamsCommand();
    command.env = env;
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    command.out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    StringWriter err = new StringWriter();
    CommandLine cl = commandLine(command);
    cl.setErr(new PrintWriter(err));
    int code = cl.execute(args);
    return new Run(code, bytes.toString(StandardCharsets.UTF_8), err.toString());
  }

  /** The launcher's error handling (bad input exits 2 with one line) around one command. */
  private static CommandLine commandLine(Object command) {
    return new CommandLine(command)
        .setExecutionExceptionHandler(
            (e, cmd, parsed) -> {
              cmd.getErr().println("modmirror: " + e.getMessage());
              return 2;
            });
  }
}
