package dev.modmirror.core.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modmirror.core.error.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Only the template's host is reachable, whatever a webhook payload names. */
class RawContentUrlsTest {
  private static final RawContentUrls GITHUB =
      new RawContentUrls("https://raw.githubusercontent.com/{repo}/{commit}/{path}");

  @Test
  void buildsTheUrlOfAFileAtACommit() {
    assertThat(GITHUB.file("org/repo", "0123abc", "sub/dir/go.mod"))
        .hasToString("https://raw.githubusercontent.com/org/repo/0123abc/sub/dir/go.mod");
    assertThat(GITHUB.host()).isEqualTo("raw.githubusercontent.com");
    assertThat(
            new RawContentUrls("http://git.example:8080/{repo}/raw/{commit}/{path}")
                .file("g/a/b", "a".repeat(64), "go.mod"))
        .hasToString("http://git.example:8080/g/a/b/raw/" + "a".repeat(64) + "/go.mod");
  }

  @ParameterizedTest(name = "{0} {1} {2}")
  @CsvSource({
    "org,                   0123abc,   go.mod",
    "a/b/c/d/e/f,           0123abc,   go.mod",
    "org/..,                0123abc,   go.mod",
    "org/repo,              0123ab,    go.mod",
    "org/repo,              0123ABC,   go.mod",
    "org/repo,              0123abc,   ../go.mod",
    "org/repo,              0123abc,   x/../go.mod",
    "org/repo,              0123abc,   go.sum",
    "org/repo,              0123abc,   a//go.mod",
    "org/repo@evil.example, 0123abc,   go.mod",
    "org/repo%2f,           0123abc,   go.mod",
  })
  void refusesPayloadValuesOutsideTheirPatterns(String repo, String commit, String path) {
    assertThatThrownBy(() -> GITHUB.file(repo, commit, path))
        .isInstanceOf(InvalidInputException.class);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "ftp://raw.example/{repo}/{commit}/{path}",
        "https://raw.example/{repo}/{path}",
        "https://raw.example/{commit}/{path}",
        "https://raw.example/{repo}/{commit}",
        "https://{repo}.example/{commit}/{path}",
        "/{repo}/{commit}/{path}",
      })
  void refusesTemplatesThatCouldLeaveTheirHost(String template) {
    assertThatThrownBy(() -> new RawContentUrls(template))
        .isInstanceOf(InvalidInputException.class);
  }
}
