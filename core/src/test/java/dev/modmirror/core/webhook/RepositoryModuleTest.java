package dev.modmirror.core.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modmirror.core.error.InvalidInputException;
import java.net.URI;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The module version a tag push publishes: path from the repository URL, tag prefix and major. */
class RepositoryModuleTest {
  @ParameterizedTest(name = "{0} {1} => {2}")
  @CsvSource({
    "https://github.com/Org/Repo,       v1.2.3,            github.com/Org/Repo@v1.2.3",
    "https://github.com/org/repo.git,   v0.1.0,            github.com/org/repo@v0.1.0",
    "https://GitHub.com/org/repo/,      v2.0.0,            github.com/org/repo/v2@v2.0.0",
    "https://gitlab.com/g/sub/repo,     tools/v3.1.0-rc.1, gitlab.com/g/sub/repo/tools/v3@v3.1.0-rc.1",
    "https://github.com/org/repo,       a/b/v1.0.0,        github.com/org/repo/a/b@v1.0.0",
    "https://github.com/org/repo,       v1.2,              none",
    "https://github.com/org/repo,       release-1,         none",
    "https://github.com/org/repo,       v1.2.3+meta,       none",
  })
  void buildsTheModuleVersionOfATag(String url, String tag, String want) {
    assertThat(RepositoryModule.forTag(URI.create(url), tag).map(Object::toString).orElse("none"))
        .isEqualTo(want.equals("none") ? "none" : want);
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({
    "https://github.com/org/repo, ../../etc/v1.0.0",
    "https://github.com/org/repo, a//v1.0.0",
    "file:///srv/repo,            v1.0.0",
    "mailto:someone@example.com,  v1.0.0",
  })
  void refusesPathsThatBreakTheModulePathRules(String url, String tag) {
    assertThatThrownBy(() -> RepositoryModule.forTag(URI.create(url), tag))
        .isInstanceOf(InvalidInputException.class);
  }
}
