package dev.modmirror.core.module;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The vectors of Go's own path/match_test.go (go1.19), so that our glob means Go's glob. */
class GlobMatchTest {

  @ParameterizedTest(name = "{0} ~ {1} = {2}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "abc|abc|true",
        "*|abc|true",
        "*c|abc|true",
        "a*|a|true",
        "a*|abc|true",
        "a*|ab/c|false",
        "a*/b|abc/b|true",
        "a*/b|a/c/b|false",
        "a*b*c*d*e*/f|axbxcxdxe/f|true",
        "a*b*c*d*e*/f|axbxcxdxexxx/f|true",
        "a*b*c*d*e*/f|axbxcxdxe/xxx/f|false",
        "a*b*c*d*e*/f|axbxcxdxexxx/fff|false",
        "a*b?c*x|abxbbxdbxebxczzx|true",
        "a*b?c*x|abxbbxdbxebxczzy|false",
        "ab[c]|abc|true",
        "ab[b-d]|abc|true",
        "ab[e-g]|abc|false",
        "ab[^c]|abc|false",
        "ab[^b-d]|abc|false",
        "ab[^e-g]|abc|true",
        "a\\*b|a*b|true",
        "a\\*b|ab|false",
        "a?b|a☺b|true",
        "a[^a]b|a☺b|true",
        "a???b|a☺b|false",
        "a[^a][^a][^a]b|a☺b|false",
        "[a-ζ]*|α|true",
        "*[a-ζ]|A|false",
        "a?b|a/b|false",
        "a*b|a/b|false",
        "[\\]a]|]|true",
        "[\\-]|-|true",
        "[x\\-]|x|true",
        "[x\\-]|-|true",
        "[x\\-]|z|false",
        "[\\-x]|x|true",
        "[\\-x]|-|true",
        "[\\-x]|a|false",
        "*x|xxx|true",
      })
  void matchesAsGoPathMatch(String pattern, String name, boolean expected) {
    assertThat(GlobMatch.match(pattern, name)).isEqualTo(expected);
  }

  /** Go reports ErrBadPattern for these; MatchPrefixPatterns then treats the glob as no match. */
  @ParameterizedTest(name = "{0} ~ {1} is a bad pattern")
  @CsvSource(
      delimiter = '|',
      value = {
        "[]a]|]",
        "[-]|-",
        "[x-]|x",
        "[x-]|-",
        "[x-]|z",
        "[-x]|x",
        "[-x]|-",
        "[-x]|a",
        "\\|a",
        "[a-b-c]|a",
        "[|a",
        "[^|a",
        "[^bc|a",
        "a[|a",
        "a[|ab",
        "a[|x",
        "a/b[|x",
      })
  void malformedPatternsMatchNothing(String pattern, String name) {
    assertThat(GlobMatch.match(pattern, name)).isFalse();
  }
}
