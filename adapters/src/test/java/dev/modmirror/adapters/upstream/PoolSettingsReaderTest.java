package dev.modmirror.adapters.upstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modmirror.core.config.ConfigException;
import dev.modmirror.core.config.Settings;
import dev.modmirror.core.module.ModulePath;
import dev.modmirror.core.upstream.GoEnv;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PoolSettingsReaderTest {
  private static final GoEnv PRIVATE_CORP = GoEnv.from(Map.of("GOPRIVATE", "git.corp.example"));

  @Test
  void readsEachUpstreamAndTheHealthSettings() {
    Map<String, String> env = new HashMap<>();
    env.put("MODMIRROR_UPSTREAMS", "golang,corp-athens");
    env.put("MODMIRROR_UPSTREAM_GOLANG_URL", "https://proxy.golang.org");
    env.put("MODMIRROR_UPSTREAM_GOLANG_WEIGHT", "2.5");
    env.put("MODMIRROR_UPSTREAM_CORP_ATHENS_URL", "https://athens.corp.example/go");
    env.put("MODMIRROR_UPSTREAM_CORP_ATHENS_PRIVATE", "true");
    env.put("MODMIRROR_UPSTREAM_CORP_ATHENS_MODULES", "git.corp.example/team");
    env.put("MODMIRROR_UPSTREAM_CORP_ATHENS_TOKEN", "s3cr3t-token");
    env.put("MODMIRROR_UPSTREAM_HEALTH_INTERVAL", "PT5S");
    env.put("MODMIRROR_UPSTREAM_BREAKER_FAILURES", "4");
    PoolSettings pool = read(env, PRIVATE_CORP);
    assertThat(pool.isPool()).isTrue();
    assertThat(pool.health().probeInterval()).isEqualTo(Duration.ofSeconds(5));
    assertThat(pool.health().failureThreshold()).isEqualTo(4);
    UpstreamSpec golang = pool.upstreams().get(0);
    assertThat(golang.weight()).isEqualTo(2.5);
    assertThat(golang.probe()).contains(ModulePath.of("golang.org/x/mod"));
    UpstreamSpec corp = pool.upstreams().get(1);
    assertThat(corp.isPrivate()).isTrue();
    assertThat(corp.auth().toString()).isEqualTo("bearer");
    assertThat(corp.probe()).as("its own module").contains(ModulePath.of("git.corp.example/team"));
    assertThat(pool.toString()).doesNotContain("s3cr3t-token");
    assertThat(pool.goauth()).isEqualTo("netrc");
  }

  @Test
  void withoutUpstreamsItIsTheGoproxyForm() {
    assertThat(read(Map.of(), GoEnv.defaults()).isPool()).isFalse();
  }

  @Test
  void reportsEveryProblemAtOnceWithoutASecret() {
    Map<String, String> env = new HashMap<>();
    env.put("MODMIRROR_UPSTREAMS", "a,Bad_Name,a,corp,pub");
    env.put("MODMIRROR_UPSTREAM_A_URL", "ftp://x.example");
    env.put("MODMIRROR_UPSTREAM_A_TOKEN", "tok-a-secret");
    env.put("MODMIRROR_UPSTREAM_A_PASSWORD", "pw-a-secret");
    env.put("MODMIRROR_UPSTREAM_A_WEIGHT", "-1");
    env.put("MODMIRROR_UPSTREAM_CORP_URL", "https://corp.example");
    env.put("MODMIRROR_UPSTREAM_CORP_PRIVATE", "yes");
    env.put("MODMIRROR_UPSTREAM_PUB_URL", "https://user:pub-secret@pub.example");
    env.put("MODMIRROR_UPSTREAM_PUB_PROBE", "git.corp.example/team/x");
    env.put("MODMIRROR_UPSTREAM", "https://proxy.golang.org");
    env.put("GOAUTH", "off;netrc");
    List<String> problems = problems(env, PRIVATE_CORP);
    assertThat(problems)
        .anyMatch(p -> p.contains("'Bad_Name' must be [a-z0-9-]"))
        .anyMatch(p -> p.contains("'a' is named twice"))
        .anyMatch(p -> p.startsWith("MODMIRROR_UPSTREAM_A_URL: invalid proxy URL scheme"))
        .anyMatch(p -> p.contains("TOKEN and MODMIRROR_UPSTREAM_A_USERNAME/PASSWORD"))
        .anyMatch(p -> p.startsWith("MODMIRROR_UPSTREAM_A_WEIGHT: '-1'"))
        .anyMatch(p -> p.startsWith("MODMIRROR_UPSTREAM_CORP_PRIVATE: 'yes'"))
        .anyMatch(p -> p.contains("PUB_PROBE: git.corp.example/team/x is private"))
        .anyMatch(p -> p.contains("both set"))
        .anyMatch(p -> p.contains("off cannot be combined"));
    assertThat(String.join("\n", problems))
        .doesNotContain("tok-a-secret")
        .doesNotContain("pw-a-secret")
        .doesNotContain("pub-secret");
  }

  @Test
  void refusesAPrivateUpstreamWhenNothingIsPrivate() {
    Map<String, String> env =
        Map.of(
            "MODMIRROR_UPSTREAMS", "corp",
            "MODMIRROR_UPSTREAM_CORP_URL", "https://corp.example",
            "MODMIRROR_UPSTREAM_CORP_PRIVATE", "true");
    assertThat(problems(env, GoEnv.defaults()))
        .anyMatch(p -> p.contains("GOPRIVATE and GONOPROXY are empty"));
  }

  @Test
  void refusesPrivateModulesTheChecksumDatabaseWouldBeAskedAbout() {
    GoEnv narrowSumdb =
        GoEnv.from(Map.of("GOPRIVATE", "git.corp.example", "GONOSUMDB", "other.example"));
    Map<String, String> env =
        Map.of(
            "MODMIRROR_UPSTREAMS", "corp",
            "MODMIRROR_UPSTREAM_CORP_URL", "https://corp.example",
            "MODMIRROR_UPSTREAM_CORP_PRIVATE", "true",
            "MODMIRROR_UPSTREAM_CORP_MODULES", "git.corp.example/team");
    assertThat(problems(env, narrowSumdb))
        .anyMatch(p -> p.contains("not in GONOSUMDB: its name would be sent to the checksum"));
  }

  private static PoolSettings read(Map<String, String> env, GoEnv goEnv) {
    Settings s = Settings.fromEnvironment(env);
    PoolSettings pool = PoolSettingsReader.read(s, goEnv);
    s.validate();
    return pool;
  }

  private static List<String> problems(Map<String, String> env, GoEnv goEnv) {
    Settings s = Settings.fromEnvironment(env);
    PoolSettingsReader.read(s, goEnv);
    return ((ConfigException) org.assertj.core.api.Assertions.catchThrowable(s::validate))
        .problems();
  }

  @Test
  void aMissingUrlIsNamed() {
    Settings s = Settings.fromEnvironment(Map.of("MODMIRROR_UPSTREAMS", "x"));
    PoolSettingsReader.read(s, GoEnv.defaults());
    assertThatThrownBy(s::validate).hasMessageContaining("MODMIRROR_UPSTREAM_X_URL: required");
  }
}
