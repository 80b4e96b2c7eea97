package dev.modmirror.core.module;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The table of x/mod's TestMatchPrefixPatterns, plus path.Match corner cases. */
class PrefixPatternsTest {
  @ParameterizedTest(name = "{0} vs {1} = {2}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      value = {
        "\"\"|rsc.io/quote|false",
        "/|rsc.io/quote|false",
        "*/quote|rsc.io/quote|true",
        "*/quo|rsc.io/quote|false",
        "*/quo??|rsc.io/quote|true",
        "*/quo*|rsc.io/quote|true",
        "*quo*|rsc.io/quote|false",
        "rsc.io|rsc.io/quote|true",
        "*.io|rsc.io/quote|true",
        "rsc.io/|rsc.io/quote|true",
        "rsc|rsc.io/quote|false",
        "rsc*|rsc.io/quote|true",
        "rsc.io|rsc.io/quote/v3|true",
        "*/quote|rsc.io/quote/v3|true",
        "*/quote/|rsc.io/quote/v3|true",
        "*/quote/*|rsc.io/quote/v3|true",
        "*/quote/*/|rsc.io/quote/v3|true",
        "*/v3|rsc.io/quote/v3|false",
        "*/*/v3|rsc.io/quote/v3|true",
        "*/*/*|rsc.io/quote/v3|true",
        "*/*/*/|rsc.io/quote/v3|true",
        "*/*/*|rsc.io/quote|false",
        "*/*/*/|rsc.io/quote|false",
        "\"*/*/*,,\"|rsc.io/quote|false",
        "\"*/*/*,,*/quote\"|rsc.io/quote|true",
        "\",,*/quote\"|rsc.io/quote|true",
        "\"corp.example,rsc.io\"|rsc.io/quote|true",
        "[a-r]sc.io|rsc.io/quote|true",
        "[^r]sc.io|rsc.io/quote|false",
        "[!r]sc.io|rsc.io/quote|true",
        "r?c.io|rsc.io/quote|true",
        "rsc.i\\o|rsc.io/quote|true",
        "[|rsc.io/quote|false",
        "rsc.io\\|rsc.io|false",
        "[]|rsc.io/quote|false",
        "[a-]sc.io|rsc.io/quote|false",
        "\"[bad,rsc.io\"|rsc.io/quote|true",
        "github.com/Org|github.com/Org/repo|true",
        "github.com/org|github.com/Org/repo|false",
        "*.corp.example|git.corp.example/a/b|true",
        "*.corp.example|corp.example/a|false"
      })
  void matchesLikeTheGoCommand(String globs, String path, boolean want) {
    assertThat(PrefixPatterns.matches(globs, path)).isEqualTo(want);
  }
}
