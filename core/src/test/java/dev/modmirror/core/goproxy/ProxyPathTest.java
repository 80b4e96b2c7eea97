package dev.modmirror.core.goproxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modmirror.core.store.ObjectKeys;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Request paths as data: {@code goproxy/request-paths.txt}, one case a line. */
class ProxyPathTest {

  @ParameterizedTest(name = "{0} => {1}")
  @MethodSource("cases")
  void readsEachPathAsTheTableSays(String raw, String expected) {
    if (expected.startsWith("refused ")) {
      assertThatThrownBy(() -> ProxyPath.parse(raw))
          .isInstanceOfSatisfying(
              ProxyPathException.class,
              e -> assertThat(e.rule().id()).isEqualTo(expected.substring("refused ".length())));
      return;
    }
    assertThat(describe(ProxyPath.parse(raw))).isEqualTo(expected);
  }

  @Test
  void anOverLongPathIsRefusedBeforeItIsRead() {
    String raw = "/example.com/" + "a".repeat(ProxyPath.MAX_RAW_LENGTH) + "/@v/list";

    assertThatThrownBy(() -> ProxyPath.parse(raw))
        .isInstanceOfSatisfying(
            ProxyPathException.class,
            e -> {
              assertThat(e.rule()).isEqualTo(ProxyPathException.Rule.TOO_LONG);
              assertThat(e.rule().status()).isEqualTo(400);
              assertThat(e.getMessage()).hasSizeLessThan(120);
            });
  }

  @Test
  void everyServedPathBuildsAKeyInsideItsModulesDirectory() {
    ProxyPath.VersionFile file =
        (ProxyPath.VersionFile) ProxyPath.parse("/github.com/%21burnt%21sushi/toml/@v/v1.4.0.zip");

    assertThat(ObjectKeys.artifact(file.ref(), file.artifact()))
        .isEqualTo("github.com/!burnt!sushi/toml/@v/v1.4.0.zip");
  }

  @Test
  void onlyWellFormedButForeignPathsAre404() {
    for (ProxyPathException.Rule rule : ProxyPathException.Rule.values()) {
      assertThat(rule.status()).isEqualTo(rule == ProxyPathException.Rule.NOT_GOPROXY ? 404 : 400);
    }
  }

  private static String describe(ProxyPath path) {
    if (path instanceof ProxyPath.VersionFile f) {
      return "file " + f.ref().path() + " " + f.ref().version() + " " + f.artifact().extension();
    }
    if (path instanceof ProxyPath.VersionList l) {
      return "list " + l.module();
    }
    if (path instanceof ProxyPath.Latest l) {
      return "latest " + l.module();
    }
    ProxyPath.SumDb s = (ProxyPath.SumDb) path;
    return "sumdb " + s.name() + " " + s.rest();
  }

  static Stream<Arguments> cases() throws IOException {
    try (InputStream in = ProxyPathTest.class.getResourceAsStream("/goproxy/request-paths.txt")) {
      List<String> lines =
          List.of(new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n"));
      return lines.stream()
          .filter(l -> !l.isBlank() && !l.startsWith("#"))
          .map(
              l -> {
                int arrow = l.indexOf(" => ");
                return Arguments.of(l.substring(0, arrow), l.substring(arrow + 4));
              });
    }
  }
}
