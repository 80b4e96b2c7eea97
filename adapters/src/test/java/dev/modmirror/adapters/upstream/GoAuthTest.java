package dev.modmirror.adapters.upstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modmirror.core.error.InvalidInputException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GoAuthTest {
  /** cmd/go/internal/auth/netrc_test.go's file. */
  private static final String NETRC =
      """

      machine incomplete
      password none

      machine api.github.com
        login user
        password pwd

      machine incomlete.host
        login justlogin

      machine test.host
      login user2
      password pwd2

      machine oneline login user3 password pwd3

      machine ignore.host macdef ignore
        login nobody
        password nothing

      machine hasmacro.too macdef ignore-next-lines login user4 password pwd4
        login nobody
        password nothing

      default
      login anonymous
      password gopher@golang.org

      machine after.default
      login oops
      password too-late-in-file
      """;

  @TempDir Path dir;

  @Test
  void readsNetrcAsTheGoCommandDoes() {
    assertThat(Netrc.parse(NETRC))
        .containsExactly(
            new Netrc.Entry("api.github.com", "user", "pwd"),
            new Netrc.Entry("test.host", "user2", "pwd2"),
            new Netrc.Entry("oneline", "user3", "pwd3"),
            new Netrc.Entry("hasmacro.too", "user4", "pwd4"));
    assertThat(Netrc.parse(NETRC).toString()).doesNotContain("pwd");
  }

  @Test
  void readsCredentialCommandOutputAsTheGoCommandDoes() {
    var credentials =
        GoAuthOutput.parse(
            "https://example.com\n\nAuthorization: Basic YWxh\nAuthorization: Basic jpvc\n\n"
                + "https://hello.com\n\nAuthorization: Basic GVuc\nData: Test567\n\n");
    assertThat(credentials.get("example.com"))
        .extracting(UpstreamAuth.Header::value)
        .containsExactly("Basic YWxh", "Basic jpvc");
    assertThat(credentials.get("hello.com"))
        .extracting(UpstreamAuth.Header::name)
        .containsExactly("Authorization", "Data");
  }

  @Test
  void refusesCommandOutputThatBreaksTheFormat() {
    for (String bad :
        List.of(
            "https://example.com\nAuthorization: Basic x\n\n",
            "https://example.com\n\nAuthorization: Basic x\n",
            "https://example.com\n\nAuthorization Basic x\n\n",
            "https://example.com\n\nAuthori zation: Basic x\n\n",
            "not a url\n\nAuthorization: Basic x\n\n")) {
      assertThatThrownBy(() -> GoAuthOutput.parse(bad))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageNotContaining("Basic x");
    }
  }

  @Test
  void netrcCredentialsGoToHttpsRequestsOfTheirMachineOnly() throws Exception {
    Path netrc = Files.writeString(dir.resolve("netrc"), NETRC);
    GoAuth auth = GoAuth.load("netrc", Map.of("NETRC", netrc.toString()), List.of());
    assertThat(auth.headersFor(URI.create("https://test.host/a/b/@v/list")))
        .containsExactly(new UpstreamAuth.Header("Authorization", basic("user2:pwd2")));
    assertThat(auth.headersFor(URI.create("https://TEST.host/x"))).hasSize(1);
    assertThat(auth.headersFor(URI.create("http://test.host/x"))).isEmpty();
    assertThat(auth.headersFor(URI.create("https://other.host/x"))).isEmpty();
  }

  @Test
  void unsetMeansNetrcAndAMissingFileMeansNoCredentials() {
    GoAuth auth = GoAuth.load("", Map.of("NETRC", dir.resolve("absent").toString()), List.of());
    assertThat(auth.prefixes()).isZero();
  }

  @Test
  void aCommandsCredentialsGoToTheLongestPrefixAndEarlierEntriesWin() throws Exception {
    Path first = script("first", "https://proxy.corp.example/go\n\nAuthorization: Bearer one\n\n");
    Path second =
        script(
            "second",
            "https://proxy.corp.example/go\n\nAuthorization: Bearer two\n\n"
                + "https://proxy.corp.example\n\nAuthorization: Bearer host\n\n");
    GoAuth auth =
        GoAuth.load(
            "sh " + first + "; sh '" + second + "'", Map.of("NETRC", "/nonexistent"), List.of());
    assertThat(auth.headersFor(URI.create("https://proxy.corp.example/go/m/@v/list")))
        .extracting(UpstreamAuth.Header::value)
        .containsExactly("Bearer one");
    assertThat(auth.headersFor(URI.create("https://proxy.corp.example/other")))
        .extracting(UpstreamAuth.Header::value)
        .containsExactly("Bearer host");
  }

  @Test
  void aFailingCommandIsSkippedWithoutItsOutputInTheLog() throws Exception {
    Path failing = dir.resolve("fail.sh");
    Files.writeString(
        failing, "echo 'https://x.example\n\nAuthorization: Bearer leak\n'; exit 3\n");
    GoAuth auth = GoAuth.load("sh " + failing, Map.of(), List.of());
    assertThat(auth.prefixes()).isZero();
  }

  @Test
  void malformedValuesAreRefusedAsTheGoCommandRefusesThem() {
    assertThatThrownBy(() -> GoAuth.load("off;netrc", Map.of(), List.of()))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("cannot be combined");
    assertThatThrownBy(() -> GoAuth.load("netrc;;", Map.of(), List.of()))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("empty command");
    assertThatThrownBy(() -> GoAuth.load("git relative/dir", Map.of(), List.of()))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("absolute path");
    assertThat(GoAuth.load("off", Map.of(), List.of()).prefixes()).isZero();
  }

  @Test
  void explicitCredentialsNameOnlyTheirKind() {
    assertThat(UpstreamAuth.bearer("sekrit-token").toString()).isEqualTo("bearer");
    assertThat(UpstreamAuth.basic("bob", "pw-sekrit").toString()).isEqualTo("basic");
    assertThat(UpstreamAuth.bearer("sekrit-token").headers(URI.create("https://a/")).toString())
        .doesNotContain("sekrit");
    assertThatThrownBy(() -> UpstreamAuth.bearer("two words"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageNotContaining("two words");
  }

  private Path script(String name, String output) throws Exception {
    Path out = Files.writeString(dir.resolve(name + ".out"), output);
    return Files.writeString(dir.resolve(name + ".sh"), "cat '" + out + "'\n");
  }

  private static String basic(String pair) {
    return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
  }
}
