package dev.modmirror.core.sumdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modmirror.core.error.InvalidInputException;
import dev.modmirror.core.error.NotFoundException;
import dev.modmirror.core.upstream.GoproxyList;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SumDbSettingsTest {
  static final String PETER = NotesTest.PETER;

  @Test
  void defaultsToSumGolangOrgWithItsBuiltInKey() {
    SumDbSettings s = fromEnv(Map.of());
    assertThat(s.key().orElseThrow().toString()).isEqualTo(SumDbSettings.SUM_GOLANG_ORG_KEY);
    assertThat(s.key().orElseThrow().name()).isEqualTo("sum.golang.org");
    assertThat(s.url()).isEmpty();
    assertThat(s.directUrl()).isEqualTo(URI.create("https://sum.golang.org"));
    assertThat(SumDbSettings.parse("sum.golang.org", "").key().orElseThrow().keyHash())
        .isEqualTo(0x033de0ae);
  }

  @Test
  void parsesOffKeyAndKeyWithUrl() {
    assertThat(SumDbSettings.parse("off", "").off()).isTrue();
    assertThat(SumDbSettings.parse("off", "").covers("rsc.io/quote")).isFalse();
    SumDbSettings key = SumDbSettings.parse(PETER, "");
    assertThat(key.key().orElseThrow().name()).isEqualTo("PeterNeumann");
    SumDbSettings withUrl = SumDbSettings.parse(PETER + "  http://127.0.0.1:9/db", "");
    assertThat(withUrl.url()).contains(URI.create("http://127.0.0.1:9/db"));
    assertThat(SumDbSettings.parse("sum.golang.google.cn", "").url())
        .contains(URI.create("https://sum.golang.google.cn"));
  }

  @Test
  void rejectsBadValuesWithTheGoCommandsReasons() {
    assertThatThrownBy(() -> SumDbSettings.parse(PETER + " http://a http://b", ""))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("too many fields");
    assertThatThrownBy(() -> SumDbSettings.parse("example.com", ""))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("invalid GOSUMDB");
    assertThatThrownBy(() -> SumDbSettings.parse(PETER.replace("c74f20a3", "c74f20a4"), ""))
        .isInstanceOf(InvalidInputException.class);
  }

  @Test
  void exemptsGoNoSumDbFallingBackToGoPrivate() {
    SumDbSettings s = fromEnv(Map.of("GOPRIVATE", "*.corp.example,github.com/org"));
    assertThat(s.covers("git.corp.example/team/lib")).isFalse();
    assertThat(s.covers("github.com/org/repo")).isFalse();
    assertThat(s.covers("github.com/other/repo")).isTrue();
    SumDbSettings own = fromEnv(Map.of("GOPRIVATE", "github.com/org", "GONOSUMDB", "rsc.io"));
    assertThat(own.covers("github.com/org/repo")).isTrue();
    assertThat(own.covers("rsc.io/quote")).isFalse();
  }

  @Test
  void routesLikeTheGoCommand() {
    SumDbSettings s = SumDbSettings.parse(PETER, "");
    List<URI> probed = new ArrayList<>();
    SumDbRoute.Probe none =
        url -> {
          probed.add(url);
          throw new NotFoundException("no");
        };
    assertThat(
            SumDbRoute.choose(
                s, List.of("https://p1/", "https://p2", "direct", "https://p3"), none))
        .isEqualTo(URI.create("https://PeterNeumann"));
    assertThat(probed)
        .containsExactly(
            URI.create("https://p1/sumdb/PeterNeumann/supported"),
            URI.create("https://p2/sumdb/PeterNeumann/supported"));
    assertThat(SumDbRoute.choose(s, List.of("https://p1", "https://p2"), url -> {}))
        .isEqualTo(URI.create("https://p1/sumdb/PeterNeumann"));
    SumDbSettings explicit = SumDbSettings.parse(PETER + " https://db.example", "");
    assertThat(SumDbRoute.choose(explicit, List.of("https://p1"), none))
        .isEqualTo(URI.create("https://db.example"));
  }

  /** cmd/go TryProxies: ',' falls through on not-found only, '|' on any error. */
  @Test
  void routesWithPipeFallBackAsTryProxies() {
    SumDbSettings s = SumDbSettings.parse(PETER, "");
    SumDbRoute.Probe p1Fails =
        url -> {
          if (url.getHost().equals("p1")) {
            throw new dev.modmirror.core.error.TransientException("503 from p1");
          }
        };
    assertThat(SumDbRoute.choose(s, GoproxyList.parse("https://p1|https://p2"), p1Fails))
        .isEqualTo(URI.create("https://p2/sumdb/PeterNeumann"));
    assertThatThrownBy(
            () -> SumDbRoute.choose(s, GoproxyList.parse("https://p1,https://p2"), p1Fails))
        .hasMessageContaining("503 from p1");
    SumDbRoute.Probe p1FailsP2Missing =
        url -> {
          if (url.getHost().equals("p1")) {
            throw new dev.modmirror.core.error.TransientException("503 from p1");
          }
          throw new NotFoundException("404");
        };
    // The first real failure is what the go command reports when no later entry helps...
    assertThatThrownBy(
            () ->
                SumDbRoute.choose(s, GoproxyList.parse("https://p1|https://p2"), p1FailsP2Missing))
        .hasMessageContaining("503 from p1");
    // ...unless the list reaches direct.
    assertThat(
            SumDbRoute.choose(
                s, GoproxyList.parse("https://p1|https://p2,direct"), p1FailsP2Missing))
        .isEqualTo(URI.create("https://PeterNeumann"));
  }

  @Test
  void stateStoreOnlyAdvancesFromTheNoteItWasGiven() {
    InMemorySumDbStateStore store = new InMemorySumDbStateStore();
    assertThat(store.compareAndSet("db", java.util.Optional.empty(), new byte[] {1})).isTrue();
    assertThat(store.compareAndSet("db", java.util.Optional.empty(), new byte[] {2})).isFalse();
    assertThat(store.compareAndSet("db", java.util.Optional.of(new byte[] {9}), new byte[] {2}))
        .isFalse();
    assertThat(store.compareAndSet("db", java.util.Optional.of(new byte[] {1}), new byte[] {2}))
        .isTrue();
    assertThat(store.latest("db")).hasValueSatisfying(b -> assertThat(b).containsExactly(2));
  }

  /** As the services read it: GoEnv applies the go command's defaults (GONOSUMDB ← GOPRIVATE). */
  private static SumDbSettings fromEnv(java.util.Map<String, String> env) {
    dev.modmirror.core.upstream.GoEnv go = dev.modmirror.core.upstream.GoEnv.from(env);
    return SumDbSettings.parse(go.gosumdb(), go.gonosumdb());
  }
}
