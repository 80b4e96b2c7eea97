package dev.modmirror.core.goproxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modmirror.core.module.ModuleVersion;
import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code @latest}: the highest release, else the highest pre-release, else the highest pseudo. */
class LatestVersionTest {
  @ParameterizedTest(name = "{0} => {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "v1.0.0 v1.10.0 v1.9.0                                           | v1.10.0",
        "v1.2.0 v2.0.0-rc.1 v1.3.0-beta                                   | v1.2.0",
        "v1.0.0-beta v1.0.0-alpha                                         | v1.0.0-beta",
        "v0.0.0-20200101000000-abcdefabcdef v0.0.0-20210101000000-abcdefabcdef | v0.0.0-20210101000000-abcdefabcdef",
        "v0.0.0-20210101000000-abcdefabcdef v0.1.0-rc.1                   | v0.1.0-rc.1",
        "v1.2.4-0.20210101000000-abcdefabcdef v1.2.3                      | v1.2.3",
        "''                                                               | none",
      })
  void choosesAsTheGoCommandDoes(String list, String want) {
    var versions =
        Arrays.stream(list.trim().split("\\s+"))
            .filter(s -> !s.isEmpty())
            .map(ModuleVersion::of)
            .toList();
    assertThat(LatestVersion.of(versions).map(ModuleVersion::value).orElse("none")).isEqualTo(want);
  }
}
