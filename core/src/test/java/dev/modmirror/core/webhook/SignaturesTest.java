package dev.modmirror.core.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** GitHub's HMAC header (RFC 4231 test case 2's key and data) and shared tokens. */
class SignaturesTest {
  private static final byte[] BODY =
      "what do ya want for nothing?".getBytes(StandardCharsets.UTF_8);
  private static final String HMAC =
      "sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843";

  @Test
  void acceptsGithubsHeaderForTheBodyAndNothingElse() {
    assertThat(Signatures.githubHeader("Jefe", BODY)).isEqualTo(HMAC);
    assertThat(Signatures.githubValid("Jefe", BODY, HMAC)).isTrue();
    assertThat(Signatures.githubValid("Jefe", BODY, HMAC.toUpperCase().replace("SHA", "sha")))
        .isTrue();
    assertThat(Signatures.githubValid("jefe", BODY, HMAC)).isFalse();
    assertThat(Signatures.githubValid("Jefe", "x".getBytes(StandardCharsets.UTF_8), HMAC))
        .isFalse();
    assertThat(Signatures.githubValid("Jefe", BODY, HMAC.substring(0, HMAC.length() - 2)))
        .isFalse();
    assertThat(Signatures.githubValid("Jefe", BODY, HMAC.replace("sha256=", "sha1="))).isFalse();
    assertThat(Signatures.githubValid("Jefe", BODY, "sha256=not-hex")).isFalse();
    assertThat(Signatures.githubValid("Jefe", BODY, null)).isFalse();
  }

  @Test
  void comparesTokensWhole() {
    assertThat(Signatures.tokenValid("s3cret", "s3cret")).isTrue();
    assertThat(Signatures.tokenValid("s3cret", "s3cre")).isFalse();
    assertThat(Signatures.tokenValid("s3cret", "s3cret ")).isFalse();
    assertThat(Signatures.tokenValid("s3cret", "")).isFalse();
    assertThat(Signatures.tokenValid("s3cret", null)).isFalse();
  }
}
