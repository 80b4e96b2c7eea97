package dev.modmirror.core.module;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modmirror.core.error.InvalidInputException;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class ModulePathsTest {

  static Stream<PathVectors.Vector> modulePaths() {
    return PathVectors.MODULE_PATHS.stream();
  }

  @ParameterizedTest
  @MethodSource("modulePaths")
  void checksModulePathsAsXMod(PathVectors.Vector v) {
    if (v.valid()) {
      assertThatCode(() -> ModulePaths.checkPath(v.path())).doesNotThrowAnyException();
      assertThat(ModulePaths.isValidPath(v.path())).isTrue();
    } else {
      assertThatThrownBy(() -> ModulePaths.checkPath(v.path()))
          .isInstanceOf(InvalidInputException.class)
          .hasMessage("malformed module path " + GoQuote.string(v.path()) + ": " + v.reason());
      assertThat(ModulePaths.isValidPath(v.path())).isFalse();
    }
  }

  @Test
  void rejectsNullAndUnpairedSurrogates() {
    assertThat(ModulePaths.isValidPath(null)).isFalse();
    assertThatThrownBy(() -> ModulePaths.checkPath("example.com/\ud800"))
        .hasMessageEndingWith(": invalid UTF-8");
  }

  @Test
  void missingDotMessageMatchesGo() {
    assertThatThrownBy(() -> ModulePaths.checkPath("x"))
        .hasMessage("malformed module path \"x\": missing dot in first path element");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '\u0001',
      value = {
        "example/a+b|",
        "x/y/z|",
        "Example.com/x|",
        "-x/y|leading dash",
        "x//y|double slash",
        "x/.y|",
        "x/y.|trailing dot in path element",
        "x/a b|invalid char ' '",
        "x/aux.go|\"aux\" disallowed as path element component on Windows",
        "x/ab~1|trailing tilde and digits in path element",
      })
  void checksImportPaths(String path, String reason) {
    if (reason == null) {
      assertThatCode(() -> ModulePaths.checkImportPath(path)).doesNotThrowAnyException();
    } else {
      assertThatThrownBy(() -> ModulePaths.checkImportPath(path))
          .hasMessage("malformed import path " + GoQuote.string(path) + ": " + reason);
    }
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '\u0001',
      value = {
        "a/b.go|",
        ".github/workflows/ci.yml|",
        "-dash/x|",
        "x/has space & (parens)!#$%=@[]^{}~,.txt|",
        "caf\u00e9/\u65e5\u672c.go|",
        "ab~1/x|",
        "../etc/passwd|invalid path element \"..\"",
        "a/../b|invalid path element \"..\"",
        "a/./b|invalid path element \".\"",
        "/abs/path|empty path element",
        "a\\b|invalid char '\\\\'",
        "a/b:c|invalid char ':'",
        "a/b*|invalid char '*'",
        "a/b?|invalid char '?'",
        "a/<b>|invalid char '<'",
        "a/b\"|invalid char '\"'",
        "a/`b|invalid char '`'",
        "a/\u00b2|invalid char '\u00b2'",
        "a/con.txt|\"con\" disallowed as path element component on Windows",
        "a/|trailing slash",
        "a//b|double slash",
      })
  void checksFilePaths(String path, String reason) {
    if (reason == null) {
      assertThatCode(() -> ModulePaths.checkFilePath(path)).doesNotThrowAnyException();
    } else {
      assertThatThrownBy(() -> ModulePaths.checkFilePath(path))
          .hasMessage("malformed file path " + GoQuote.string(path) + ": " + reason);
    }
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '\u0001',
      value = {
        "example.com/m|example.com/m|",
        "example.com/m/v2|example.com/m|/v2",
        "example.com/m/v123|example.com/m|/v123",
        "example.com/v2x|example.com/v2x|",
        "gopkg.in/yaml.v2|gopkg.in/yaml|.v2",
        "gopkg.in/yaml.v0|gopkg.in/yaml|.v0",
        "gopkg.in/u/p.v3-unstable|gopkg.in/u/p|.v3-unstable",
      })
  void splitsPathVersion(String path, String prefix, String major) {
    assertThat(ModulePaths.splitPathVersion(path))
        .contains(new PathSplit(prefix, major == null ? "" : major));
  }

  @ParameterizedTest
  @CsvSource({"example.com/m/v1", "example.com/m/v0", "example.com/m/v2.1", "gopkg.in/yaml"})
  void refusesToSplitBadMajorSuffix(String path) {
    assertThat(ModulePaths.splitPathVersion(path)).isEmpty();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '\u0001',
      value = {
        "v1.2.3||",
        "v0.1.0||",
        "v2.0.0+incompatible||",
        "v2.0.0||should be v0 or v1, not v2",
        "v2.0.0|/v2|",
        "v3.1.0|/v2|should be v2, not v3",
        "v1.0.0|/v2|should be v2, not v1",
        "v2.5.0|.v2|",
        "v1.0.0|.v1|",
        "v0.0.0-20161208181325-20d25e280405|.v1|",
        "v1.0.0|.v2|should be v2, not v1",
        "v3.0.0-beta|.v3-unstable|",
      })
  void checksPathMajor(String version, String pathMajor, String reason) {
    String major = pathMajor == null ? "" : pathMajor;
    assertThat(ModulePaths.matchPathMajor(version, major)).isEqualTo(reason == null);
    if (reason != null) {
      assertThatThrownBy(() -> ModulePaths.checkPathMajor(version, major))
          .hasMessage("version \"" + version + "\" invalid: " + reason);
    }
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '\u0001',
      value = {
        "example.com/m|v1.2.3|",
        "example.com/m|v2.0.0+incompatible|",
        "example.com/m/v2|v2.1.0|",
        "gopkg.in/yaml.v2|v2.4.0|",
        "gopkg.in/check.v1|v0.0.0-20161208181325-20d25e280405|",
        "example.com/m|v2.0.0|version \"v2.0.0\" invalid: should be v0 or v1, not v2",
        "example.com/m/v2|v1.0.0|version \"v1.0.0\" invalid: should be v2, not v1",
        "gopkg.in/yaml.v2|v3.0.0|version \"v3.0.0\" invalid: should be v2, not v3",
        "example.com/m/v2|v2.0.0+incompatible|",
        "example.com/m|v1.0.0+incompatible|",
        "example.com/m/v1|v1.0.0|malformed module path \"example.com/m/v1\": invalid version",
      })
  void checksPathVersion(String path, String version, String message) {
    if (message == null) {
      assertThatCode(() -> ModulePaths.checkPathVersion(path, version)).doesNotThrowAnyException();
    } else {
      assertThatThrownBy(() -> ModulePaths.checkPathVersion(path, version))
          .isInstanceOf(InvalidInputException.class)
          .hasMessage(message);
    }
  }

  @ParameterizedTest
  @CsvSource({
    "github.com/Azure/azure-sdk-for-go,github.com/!azure/azure-sdk-for-go",
    "github.com/GoogleCloudPlatform/cloudsql-proxy,github.com/!google!cloud!platform/cloudsql-proxy",
    "github.com/Sirupsen/logrus,github.com/!sirupsen/logrus",
    "example.com/lower,example.com/lower",
    "example.com/ABC,example.com/!a!b!c",
  })
  void escapesAndUnescapesPaths(String path, String escaped) {
    assertThat(ModulePaths.escapePath(path)).isEqualTo(escaped);
    assertThat(ModulePaths.unescapePath(escaped)).isEqualTo(path);
  }

  @ParameterizedTest
  @CsvSource({
    "v1.0.0,v1.0.0",
    "v1.0.0-RC1,v1.0.0-!r!c1",
    "v2.0.0-Beta+incompatible,v2.0.0-!beta+incompatible"
  })
  void escapesAndUnescapesVersions(String version, String escaped) {
    assertThat(ModulePaths.escapeVersion(version)).isEqualTo(escaped);
    assertThat(ModulePaths.unescapeVersion(escaped)).isEqualTo(version);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '\u0001',
      value = {
        "github.com/Azure/x|invalid escaped module path \"github.com/Azure/x\"",
        "github.com/!Azure/x|invalid escaped module path \"github.com/!Azure/x\"",
        "github.com/!!a/x|invalid escaped module path \"github.com/!!a/x\"",
        "github.com/!1/x|invalid escaped module path \"github.com/!1/x\"",
        "github.com/x!|invalid escaped module path \"github.com/x!\"",
        "github.com/\u00e9|invalid escaped module path \"github.com/\u00e9\"",
        "!example.com/x|invalid escaped module path \"!example.com/x\": "
            + "malformed module path \"Example.com/x\": invalid char 'E' in first path element",
        "example.com/m/v1|invalid escaped module path \"example.com/m/v1\": "
            + "malformed module path \"example.com/m/v1\": invalid version",
      })
  void rejectsBadEscapedPaths(String escaped, String message) {
    assertThatThrownBy(() -> ModulePaths.unescapePath(escaped))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage(message);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '\u0001',
      value = {
        "v1.0.0-RC1|invalid escaped version \"v1.0.0-RC1\"",
        "v1.0.0-!|invalid escaped version \"v1.0.0-!\"",
        "v1.0.0-!0|invalid escaped version \"v1.0.0-!0\"",
        "v1/2|invalid escaped version \"v1/2\": invalid char '/'",
        "..|invalid escaped version \"..\": invalid path element \"..\"",
      })
  void rejectsBadEscapedVersions(String escaped, String message) {
    assertThatThrownBy(() -> ModulePaths.unescapeVersion(escaped)).hasMessage(message);
  }

  @ParameterizedTest
  @CsvSource({"v1.0.0!", "v1/0", "a b*", "v1.0.\u00e9"})
  void refusesToEscapeDisallowedVersions(String version) {
    assertThatThrownBy(() -> ModulePaths.escapeVersion(version))
        .hasMessage("version \"" + version + "\" invalid: disallowed version string");
  }

  @Test
  void refusesToEscapeInvalidPath() {
    assertThatThrownBy(() -> ModulePaths.escapePath("Example.com/x"))
        .hasMessageContaining("invalid char 'E' in first path element");
  }
}
