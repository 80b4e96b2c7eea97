package dev.modmirror.core.goproxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Jazzer's findings on {@link ProxyPath} (target {@code goproxy}, docs/fuzzing.md): a refused path
 * of more than 200 UTF-8 bytes but fewer than 200 chars (non-ASCII characters) made the message cut
 * fail with {@code StringIndexOutOfBoundsException} instead of the refusal. Each is refused by its
 * rule, and the message shows at most 200 code points of it.
 */
class ProxyPathFindingsTest {
  private static final String NON_ASCII = "ÿ".repeat(110);

  @ParameterizedTest(name = "{0}{1}… => {2}")
  @CsvSource({
    "'', '', not-goproxy",
    "/, '', not-printable-ascii",
    "/, \\, backslash",
    "/, %zz, bad-escape",
    "/, %2F, encoded-separator",
    "/, 'example.com/@v/', not-printable-ascii",
  })
  void refusesANonAsciiPathLongerInBytesThanInCharsByItsRule(
      String lead, String before, String rule) {
    String raw = lead + before + NON_ASCII;

    assertThatThrownBy(() -> ProxyPath.parse(raw))
        .isInstanceOfSatisfying(
            ProxyPathException.class, e -> assertThat(e.rule().id()).isEqualTo(rule));
  }

  @ParameterizedTest(name = "{0} code points")
  @CsvSource({"199", "200", "201", "400"})
  void showsAtMost200CodePointsOfARefusedPath(int length) {
    // U+1F600 is two chars: a cut by chars could split it, a cut by bytes overran the string.
    String raw = "\uD83D\uDE00".repeat(length);

    assertThatThrownBy(() -> ProxyPath.parse(raw))
        .isInstanceOfSatisfying(
            ProxyPathException.class,
            e -> {
              String shown = e.getMessage().substring("not-goproxy: ".length());
              assertThat(shown.codePointCount(0, shown.length()))
                  .isEqualTo(length <= 200 ? length : 201);
              assertThat(shown).endsWith(length <= 200 ? "\uD83D\uDE00" : "\uD83D\uDE00…");
            });
  }
}
