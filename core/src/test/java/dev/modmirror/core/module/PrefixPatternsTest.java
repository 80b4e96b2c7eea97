package dev.modmirror.core.module;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * MatchPrefixPatterns as the go command applies GOPRIVATE (examples of {@code go help
 * module-private}, plus edge cases whose answers were checked with go1.19's own
 * module.MatchPrefixPatterns).
 */
class PrefixPatternsTest {

  @ParameterizedTest(name = "[{0}] ~ {1} = {2}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "*.corp.example.com,rsc.io/private|git.corp.example.com/xyzzy|true",
        "*.corp.example.com,rsc.io/private|rsc.io/private|true",
        "*.corp.example.com,rsc.io/private|rsc.io/private/quux|true",
        "*.corp.example.com,rsc.io/private|rsc.io/privateer|false",
        "*.corp.example.com,rsc.io/private|corp.example.com/x|false",
        "*.corp.example.com,rsc.io/private|rsc.io|false",
        "corp.example.com|corp.example.com.evil.com/x|false",
        "corp.example.com|corp.example.com/x/y/z|true",
        "corp.example.com/|corp.example.com/x|true",
        "*.example.com|example.com|false",
        "*.example.com|a.b.example.com/x|true",
        "*|anything.example/x/y|true",
        "*/*|one.example|false",
        "*/*|one.example/two|true",
        "*/*|one.example/two/three|true",
        "a.com/b/c|a.com/b|false",
        "a.com/*/c|a.com/b/c/d|true",
        "a.com/?|a.com/b|true",
        "a.com/?|a.com/bc|false",
        "[,a.com|a.com/x|true",
        "[|[|false",
        "``|a.com|false",
        ",,|a.com|false",
        ",a.com,|a.com|true",
        "A.com|a.com|false",
        "github.com/Org|github.com/Org/repo|true",
        "github.com/org|github.com/Org/repo|false",
      })
  void matchesPathPrefixesElementByElement(String globs, String path, boolean expected) {
    assertThat(PrefixPatterns.matches(globs, path)).isEqualTo(expected);
  }

  @Test
  void nullListOrTargetMatchesNothing() {
    assertThat(PrefixPatterns.matches(null, "example.com/a")).isFalse();
    assertThat(PrefixPatterns.matches("*", null)).isFalse();
  }
}
