package dev.modmirror.core.upstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modmirror.core.error.InvalidInputException;
import dev.modmirror.core.error.NotFoundException;
import dev.modmirror.core.module.ModulePath;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GoEnvTest {
  private static final ModulePath PRIVATE = ModulePath.of("git.corp.example.com/team/lib");
  private static final ModulePath PUBLIC = ModulePath.of("github.com/pkg/errors");

  @Test
  void nothingSetMeansTheGoCommandDefaults() {
    GoEnv env = GoEnv.defaults();
    assertThat(env.goproxy().redacted()).isEqualTo("https://proxy.golang.org,direct");
    assertThat(env.gosumdb()).isEqualTo("sum.golang.org");
    assertThat(env.sumdbOff()).isFalse();
    assertThat(env.usesSumDb(PRIVATE)).isTrue();
    assertThat(env.isNoProxy(PRIVATE)).isFalse();
    assertThat(env.goflags()).isEmpty();
  }

  @Test
  void emptyVariablesCountAsUnset() {
    GoEnv env = GoEnv.from(Map.of("GOPROXY", "", "GOSUMDB", "", "GONOPROXY", "", "GOPRIVATE", ""));
    assertThat(env).isEqualTo(GoEnv.defaults());
  }

  @Test
  void gonoproxyAndGonosumdbDefaultToGoprivate() {
    GoEnv env = GoEnv.from(Map.of("GOPRIVATE", "*.corp.example.com"));
    assertThat(env.isNoProxy(PRIVATE)).isTrue();
    assertThat(env.usesSumDb(PRIVATE)).isFalse();
    assertThat(env.isNoProxy(PUBLIC)).isFalse();
    assertThat(env.usesSumDb(PUBLIC)).isTrue();
  }

  @Test
  void explicitGonoproxyAndGonosumdbOverrideGoprivate() {
    GoEnv env =
        GoEnv.from(
            Map.of(
                "GOPRIVATE", "*.corp.example.com",
                "GONOPROXY", "none.example",
                "GONOSUMDB", "github.com/pkg"));
    assertThat(env.isNoProxy(PRIVATE)).isFalse();
    assertThat(env.usesSumDb(PRIVATE)).isTrue();
    assertThat(env.usesSumDb(PUBLIC)).isFalse();
    assertThat(env.goprivate()).isEqualTo("*.corp.example.com");
  }

  @Test
  void privateMeansGoprivateOrGonoproxyEvenWhenGonoproxyIsNarrowed() {
    GoEnv narrowed =
        GoEnv.from(Map.of("GOPRIVATE", "*.corp.example.com", "GONOPROXY", "none.example"));
    assertThat(narrowed.isPrivate(PRIVATE)).isTrue();
    assertThat(narrowed.isPrivate(ModulePath.of("none.example/x"))).isTrue();
    assertThat(narrowed.isPrivate(PUBLIC)).isFalse();
    assertThat(GoEnv.defaults().isPrivate(PRIVATE)).isFalse();
  }

  @Test
  void gosumdbOffDisablesTheDatabaseForEveryModule() {
    GoEnv env = GoEnv.from(Map.of("GOSUMDB", "off"));
    assertThat(env.sumdbOff()).isTrue();
    assertThat(env.usesSumDb(PUBLIC)).isFalse();
  }

  @Test
  void recordsGoinsecureAndGoflagsWithoutActingOnThem() {
    GoEnv env =
        GoEnv.from(
            Map.of(
                "GOINSECURE", "*.corp.example.com",
                "GOFLAGS", "-mod=mod -modcacherw",
                "GOPROXY", "http://plain.example"));
    assertThat(env.isInsecure(PRIVATE)).isTrue();
    assertThat(env.isInsecure(PUBLIC)).isFalse();
    assertThat(env.goflags()).isEqualTo("-mod=mod -modcacherw");
    // Plain http proxies stay allowed, GOINSECURE or not, as for the go command.
    assertThat(env.goproxy().entries().get(0).scheme()).isEqualTo("http");
  }

  @Test
  void privateModulesEndWithARecordedPrivateReason() {
    GoEnv env = GoEnv.from(Map.of("GOPRIVATE", "rsc.io/private,*.corp.example.com"));
    NotFoundException refusal = env.refuseIfPrivate(PRIVATE, "v1.0.0").orElseThrow();
    assertThat(NotMirrored.isPrivate(refusal)).isTrue();
    assertThat(refusal.getMessage())
        .startsWith("private: not mirrored")
        .contains("\"*.corp.example.com\"");
    assertThat(refusal.module()).contains(PRIVATE.value());
    assertThat(refusal.version()).contains("v1.0.0");
    assertThat(env.refuseIfPrivate(PUBLIC, "v0.9.1")).isEmpty();
  }

  @Test
  void invalidGoproxyFailsAtStartUp() {
    assertThatThrownBy(() -> GoEnv.from(Map.of("GOPROXY", "ftp://x.example")))
        .isInstanceOf(InvalidInputException.class);
  }

  @Test
  void toStringRedactsCredentials() {
    GoEnv env =
        GoEnv.from(
            Map.of(
                "GOPROXY", "https://bob:s3cret@a.example",
                "GOSUMDB", "sum.example+abcd+key https://bob:s3cret@sum.example"));
    assertThat(env.toString()).doesNotContain("s3cret").doesNotContain("bob").contains("xxxxx@");
  }
}
