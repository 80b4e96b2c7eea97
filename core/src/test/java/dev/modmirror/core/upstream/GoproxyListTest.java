package dev.modmirror.core.upstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modmirror.core.error.InvalidInputException;
import dev.modmirror.core.upstream.GoproxyEntry.Kind;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GoproxyListTest {

  @Test
  void emptyOrUnsetMeansTheGoDefault() {
    List<GoproxyEntry> expected =
        List.of(
            GoproxyEntry.proxy(URI.create("https://proxy.golang.org"), false),
            GoproxyEntry.direct());
    assertThat(GoproxyList.parse("").entries()).isEqualTo(expected);
    assertThat(GoproxyList.parse(null).entries()).isEqualTo(expected);
    assertThat(GoproxyList.goDefault().redacted()).isEqualTo("https://proxy.golang.org,direct");
  }

  @Test
  void commaFallsThroughOnNotFoundOnlyAndPipeOnAnyError() {
    GoproxyList list = GoproxyList.parse("https://a.example|https://b.example,file:///srv/c");
    assertThat(list.entries())
        .extracting(GoproxyEntry::fallBackOnAnyError)
        .containsExactly(true, false, false);
    assertThat(list.entries())
        .extracting(GoproxyEntry::scheme)
        .containsExactly("https", "https", "file");
    assertThat(list.redacted()).isEqualTo("https://a.example|https://b.example,file:///srv/c");
  }

  @Test
  void trimsBlanksAndSkipsEmptyEntries() {
    GoproxyList list = GoproxyList.parse(" https://a.example ,, | http://b.example:3000/x ,");
    assertThat(list.entries())
        .extracting(e -> e.url().toString())
        .containsExactly("https://a.example", "http://b.example:3000/x");
    // The separator after an entry decides, even if empty entries follow it (as in Go).
    assertThat(list.entries().get(0).fallBackOnAnyError()).isFalse();
  }

  @Test
  void keywordsEndTheListAndLaterEntriesAreIgnoredAsGoIgnoresThem() {
    assertThat(GoproxyList.parse("https://a.example,direct,https://b.example").entries())
        .extracting(GoproxyEntry::kind)
        .containsExactly(Kind.PROXY, Kind.DIRECT);
    assertThat(GoproxyList.parse("off,https://b.example").entries())
        .extracting(GoproxyEntry::kind)
        .containsExactly(Kind.OFF);
    assertThat(GoproxyList.parse("direct").isDirectOnly()).isTrue();
    assertThat(GoproxyList.parse("https://a.example,direct").isDirectOnly()).isFalse();
  }

  @Test
  void hostLikeEntriesWithoutSchemeMeanHttps() {
    assertThat(GoproxyList.parse("goproxy.example").entries().get(0).url())
        .isEqualTo(URI.create("https://goproxy.example"));
    assertThat(GoproxyList.parse("localhost:8080").entries().get(0).url())
        .isEqualTo(URI.create("https://localhost:8080"));
    assertThat(GoproxyList.parse("goproxy.example/base/").entries().get(0).url())
        .isEqualTo(URI.create("https://goproxy.example/base/"));
  }

  @Test
  void schemesAreCaseInsensitiveAndHttpStaysAllowed() {
    assertThat(GoproxyList.parse("HTTP://a.example").entries().get(0).scheme()).isEqualTo("http");
  }

  @ParameterizedTest
  @ValueSource(strings = {"ftp://a.example", "gopher://a.example", "s3://bucket/x"})
  void rejectsUnsupportedSchemes(String value) {
    assertThatThrownBy(() -> GoproxyList.parse(value))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("invalid proxy URL scheme (must be https, http, file)");
  }

  @ParameterizedTest
  @ValueSource(strings = {"proxy", "DIRECT", "Off", "/srv/goproxy"})
  void rejectsSingleWordsAndBarePathsAsMissingScheme(String value) {
    assertThatThrownBy(() -> GoproxyList.parse(value))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("invalid proxy URL missing scheme");
  }

  @ParameterizedTest
  @ValueSource(strings = {",", " ", "|,|", " , "})
  void rejectsNonEmptyValueWithoutEntries(String value) {
    assertThatThrownBy(() -> GoproxyList.parse(value))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("GOPROXY list is not the empty string, but contains no entries");
  }

  @ParameterizedTest
  @ValueSource(strings = {"file://host/srv", "file:///srv?x=1", "file:///srv#frag"})
  void rejectsFileUrlsWithMoreThanAPath(String value) {
    assertThatThrownBy(() -> GoproxyList.parse(value))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("invalid file:// proxy URL with non-path elements");
  }

  @Test
  void acceptsFileUrlsWithOnlyAPath() {
    assertThat(GoproxyList.parse("file:///srv/tree,file:/other").entries())
        .extracting(e -> e.url().getPath())
        .containsExactly("/srv/tree", "/other");
  }

  @Test
  void rejectsHttpUrlWithoutHost() {
    assertThatThrownBy(() -> GoproxyList.parse("https:///path"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("without a host");
  }

  @Test
  void keepsCredentialsForTheClientButRedactsThemEverywhereElse() {
    GoproxyList list = GoproxyList.parse("https://bob:s3cret@a.example/p,direct");
    assertThat(list.entries().get(0).url().getUserInfo()).isEqualTo("bob:s3cret");
    assertThat(list.redacted()).isEqualTo("https://xxxxx@a.example/p,direct");
    assertThat(list.toString()).doesNotContain("s3cret").doesNotContain("bob");
    assertThat(list.entries().get(0).toString()).doesNotContain("s3cret");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "ftp://bob:s3cret@a.example",
        "https://bob:s3cret@",
        "gopher://bob:s3cret@a.example",
        "bob:s3cret@a.example/with space",
        "https://bob:s3 cret@a.example"
      })
  void errorMessagesNeverCarryCredentials(String value) {
    assertThatThrownBy(() -> GoproxyList.parse(value))
        .isInstanceOf(InvalidInputException.class)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("s3cret").doesNotContain("bob"));
  }
}
