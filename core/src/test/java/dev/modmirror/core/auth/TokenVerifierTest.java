package dev.modmirror.core.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modmirror.core.error.InvalidInputException;
import dev.modmirror.core.module.ModulePath;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TokenVerifierTest {
  private final String admin = ApiToken.generate();
  private final String reader = ApiToken.generate();
  private final String corp = ApiToken.generate();
  private final List<TokenEntry> entries =
      List.of(
          new TokenEntry("ops", Role.ADMIN, ApiToken.hash(admin), ""),
          new TokenEntry("dash", Role.READER, ApiToken.hash(reader), ""),
          new TokenEntry("corp-ci", Role.DEVELOPER, ApiToken.hash(corp), "git.corp.example"));
  private final TokenVerifier verifier = new TokenVerifier(entries);
  private final AccessRules rules = new AccessRules(m -> m.value().startsWith("git.corp.example/"));

  @Test
  void tokensAreRandomOfAFixedShapeAndOnlyTheirHashIsStored() {
    assertThat(admin).startsWith("mmt_").hasSize(47).isNotEqualTo(reader);
    assertThat(ApiToken.wellFormed(admin)).isTrue();
    assertThat(ApiToken.stored(ApiToken.hash(admin))).startsWith("sha256:").hasSize(71);
    assertThat(entries.toString()).doesNotContain(admin).doesNotContain("sha256");
  }

  @Test
  void everyPresentedTokenTakesTheSamePathThroughEveryStoredHash() {
    List<TokenVerifier.Verdict> verdicts = new ArrayList<>();
    String wrong = ApiToken.generate();
    String almost = admin.substring(0, admin.length() - 1) + (admin.endsWith("A") ? "B" : "A");
    verdicts.add(verifier.verify(admin, true));
    verdicts.add(verifier.verify(wrong, true));
    verdicts.add(verifier.verify(almost, true));
    verdicts.add(verifier.verify("garbage", true));
    verdicts.add(verifier.verify("Basic Ym9iOg==", false));
    verdicts.add(verifier.verify(null, false));
    assertThat(verdicts)
        .extracting(TokenVerifier.Verdict::result)
        .containsExactly(
            TokenVerifier.Result.AUTHENTICATED,
            TokenVerifier.Result.UNKNOWN,
            TokenVerifier.Result.UNKNOWN,
            TokenVerifier.Result.MALFORMED,
            TokenVerifier.Result.MALFORMED,
            TokenVerifier.Result.MISSING);
    assertThat(verdicts).allSatisfy(v -> assertThat(v.comparisons()).isEqualTo(3));
  }

  @Test
  void aReaderMayNotDoWhatAnAdminMay() {
    assertThat(decide(reader, Role.ADMIN)).isEqualTo(AccessRules.Decision.ROLE);
    assertThat(decide(reader, Role.READER)).isEqualTo(AccessRules.Decision.ALLOW);
    assertThat(decide(admin, Role.READER)).isEqualTo(AccessRules.Decision.ALLOW);
    assertThat(decide(admin, Role.ADMIN)).isEqualTo(AccessRules.Decision.ALLOW);
    assertThat(AccessRules.Decision.ROLE.status()).isEqualTo(403);
    assertThat(decide(ApiToken.generate(), Role.READER).status()).isEqualTo(401);
    assertThat(rules.decide(verifier.verify(null, false), Role.READER, List.of()).status())
        .isEqualTo(401);
  }

  @Test
  void privateModulesOnlyForTokensGivenThemByName() {
    ModulePath secret = ModulePath.of("git.corp.example/team/lib");
    ModulePath open = ModulePath.of("example.com/pub");
    assertThat(rules.decide(verifier.verify(admin, true), Role.READER, List.of(secret)))
        .isEqualTo(AccessRules.Decision.MODULE);
    assertThat(rules.decide(verifier.verify(admin, true), Role.READER, List.of(open)))
        .isEqualTo(AccessRules.Decision.ALLOW);
    assertThat(rules.decide(verifier.verify(corp, true), Role.DEVELOPER, List.of(secret)))
        .isEqualTo(AccessRules.Decision.ALLOW);
    assertThat(rules.decide(verifier.verify(corp, true), Role.DEVELOPER, List.of(open)))
        .as("a token bound to globs acts on nothing else")
        .isEqualTo(AccessRules.Decision.MODULE);
  }

  @Test
  void theFileRoundTripsAndNamesBadLinesByNumberOnly() {
    String file =
        "# tokens\n\n" + String.join("\n", entries.stream().map(TokenFile::line).toList()) + "\n";
    assertThat(TokenFile.parse(file)).isEqualTo(entries);
    String bad =
        "ok admin "
            + ApiToken.stored(ApiToken.hash("x"))
            + "\n"
            + "two-words\n"
            + "r chief "
            + ApiToken.stored(ApiToken.hash("y"))
            + "\n"
            + "h reader sha256:zz\n"
            + "ok reader "
            + ApiToken.stored(ApiToken.hash("z"))
            + "\n";
    assertThatThrownBy(() -> TokenFile.parse(bad))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("line 2: expected")
        .hasMessageContaining("line 3: unknown role 'chief'")
        .hasMessageContaining("line 4: the hash must be")
        .hasMessageContaining("line 5: token id ok appears twice");
  }

  @Test
  void aReplacedFileTakesEffectAtOnce() {
    verifier.replace(List.of());
    assertThat(verifier.verify(admin, true).result()).isEqualTo(TokenVerifier.Result.UNKNOWN);
    assertThat(verifier.size()).isZero();
  }

  private AccessRules.Decision decide(String token, Role required) {
    return rules.decide(verifier.verify(token, true), required, List.of());
  }
}
