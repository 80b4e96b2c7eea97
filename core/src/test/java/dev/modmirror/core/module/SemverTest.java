package dev.modmirror.core.module;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modmirror.core.error.InvalidInputException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SemverTest {

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "v1|v1.0.0",
        "v1.2|v1.2.0",
        "v1.2.3|v1.2.3",
        "v1.2.3+meta|v1.2.3",
        "v1.2.3-pre+meta.1|v1.2.3-pre",
        "v2.0.0+incompatible|v2.0.0+incompatible",
        "v0.0.0-20191109021931-daa7c04131f5|v0.0.0-20191109021931-daa7c04131f5",
      })
  void canonicalizesAsXMod(String v, String canonical) {
    assertThat(Semver.canonical(v)).contains(canonical);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "1.2.3",
        "v",
        "v01.2.3",
        "v1.02.3",
        "v1.2.03",
        "v1.2.3.4",
        "v1.2.3-",
        "v1.2.3-01",
        "v1.2.3-a..b",
        "v1.2.3-a.",
        "v1.2.3+",
        "v1.2.3+a..b",
        "v1.2.3-a_b",
        "v1.2-pre",
        "v1.2+meta",
        "v1.2.3 ",
        "V1.2.3",
        "v1.2.3+a+b",
      })
  void rejectsInvalidVersions(String v) {
    assertThat(Semver.isValid(v)).isFalse();
    assertThat(Semver.canonical(v)).isEmpty();
    assertThatThrownBy(() -> Semver.checkCanonical(v))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("version \"" + v + "\" invalid: not a semantic version");
  }

  /** module.CanonicalVersion keeps +incompatible on any major; a proxy may serve such versions. */
  @ParameterizedTest
  @ValueSource(strings = {"v1.0.0+incompatible", "v0.3.0+incompatible"})
  void acceptsIncompatibleOnCompatibleMajorsAsAProxyServesThem(String v) {
    assertThat(ModuleVersion.of(v).value()).isEqualTo(v);
  }

  @ParameterizedTest
  @ValueSource(strings = {"v1.2.3-0a", "v1.2.3-0", "v1.2.3-a-b.0.c", "v1.2.3+01", "v1.2.3-x+y.z"})
  void acceptsEdgeValidVersions(String v) {
    assertThat(Semver.isValid(v)).isTrue();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "v1.2|must be of the form v1.2.3 (canonical: v1.2.0)",
        "v1|must be of the form v1.2.3 (canonical: v1.0.0)",
        "v1.2.3+meta|must be of the form v1.2.3 (canonical: v1.2.3)",
      })
  void moduleVersionsMustBeCanonical(String v, String reason) {
    assertThatThrownBy(() -> ModuleVersion.of(v))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("version \"" + v + "\" invalid: " + reason);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"v1.2.3", "v2.0.0+incompatible", "v10.0.0+incompatible", "v1.0.0-rc.1", "v0.0.0"})
  void acceptsCanonicalModuleVersions(String v) {
    assertThatCode(() -> ModuleVersion.of(v)).doesNotThrowAnyException();
  }

  /** Ascending, as semver.org §11 and x/mod orders them; equal neighbours share a group. */
  static final List<String> ORDERED =
      List.of(
          "v0.0.0-20180101000000-aaaaaaaaaaaa",
          "v0.0.0",
          "v0.0.1-0.20190101000000-bbbbbbbbbbbb",
          "v0.0.1",
          "v0.1.0",
          "v0.9.0",
          "v0.10.0",
          "v1.0.0-0",
          "v1.0.0-1",
          "v1.0.0-2",
          "v1.0.0-10",
          "v1.0.0-A",
          "v1.0.0-Z",
          "v1.0.0-a",
          "v1.0.0-alpha",
          "v1.0.0-alpha.1",
          "v1.0.0-alpha.1.1",
          "v1.0.0-alpha.2",
          "v1.0.0-alpha.10",
          "v1.0.0-alpha.beta",
          "v1.0.0-alpha-1",
          "v1.0.0-beta",
          "v1.0.0-beta.2",
          "v1.0.0-beta.11",
          "v1.0.0-rc.1",
          "v1.0.0-rc.1.0.20200101000000-cccccccccccc",
          "v1.0.0",
          "v1.0.1",
          "v1.2.0",
          "v1.10.0",
          "v2.0.0+incompatible",
          "v2.1.0+incompatible",
          "v9.0.0",
          "v10.0.0",
          "v100.0.0",
          "v18446744073709551616.0.0");

  @Test
  void ordersAsGoSortsThem() {
    for (int i = 0; i < ORDERED.size(); i++) {
      for (int j = 0; j < ORDERED.size(); j++) {
        assertThat(Semver.compare(ORDERED.get(i), ORDERED.get(j)))
            .as("%s vs %s", ORDERED.get(i), ORDERED.get(j))
            .isEqualTo(Integer.compare(i, j));
      }
    }
    List<String> shuffled = new ArrayList<>(ORDERED);
    Collections.shuffle(shuffled, new Random(42));
    assertThat(Semver.sortVersions(shuffled)).containsExactlyElementsOf(ORDERED);
  }

  @Test
  void ignoresBuildMetadataButBreaksTiesByString() {
    assertThat(Semver.compare("v1.0.0+a", "v1.0.0+b")).isZero();
    assertThat(Semver.compare("v1.2", "v1.2.0")).isZero();
    assertThat(Semver.compare("bad", "v0.0.0")).isNegative();
    assertThat(Semver.compare("bad", "worse")).isZero();
    assertThat(Semver.sortVersions(List.of("v1.0.0+b", "v1.0.0", "x", "v1.0.0+a")))
        .containsExactly("x", "v1.0.0", "v1.0.0+a", "v1.0.0+b");
  }

  @Test
  void reportsMajorBuildPrerelease() {
    assertThat(Semver.major("v2.1.0")).isEqualTo("v2");
    assertThat(Semver.major("v2")).isEqualTo("v2");
    assertThat(Semver.major("x")).isEmpty();
    assertThat(Semver.build("v2.1.0-pre+meta")).isEqualTo("+meta");
    assertThat(Semver.prerelease("v2.1.0-pre+meta")).isEqualTo("-pre");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "v0.0.0-20191109021931-daa7c04131f5|v0.0.0|20191109021931|daa7c04131f5|",
        "v2.0.0-20191109021931-daa7c04131f5+incompatible|v2.0.0|20191109021931|daa7c04131f5|+incompatible",
        "v1.2.3-pre.0.20191109021931-daa7c04131f5|v1.2.3-pre.0|20191109021931|daa7c04131f5|",
        "v1.2.4-0.20191109021931-daa7c04131f5|v1.2.4-0|20191109021931|daa7c04131f5|",
        "v1.2.3-a.b.0.20191109021931-abc|v1.2.3-a.b.0|20191109021931|abc|",
        "v1.2.4-0.20191109021931-daa7c04131f5+meta|v1.2.4-0|20191109021931|daa7c04131f5|+meta",
      })
  void parsesAllThreePseudoVersionForms(
      String v, String base, String stamp, String rev, String build) {
    assertThat(Semver.isPseudo(v)).isTrue();
    PseudoVersion p = PseudoVersion.parse(v).orElseThrow();
    assertThat(p.base()).isEqualTo(base);
    assertThat(p.timestamp()).isEqualTo(stamp);
    assertThat(p.revision()).isEqualTo(rev);
    assertThat(p.build()).isEqualTo(build == null ? "" : build);
    assertThat(p.time()).isEqualTo(Instant.parse("2019-11-09T02:19:31Z"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "v1.2.3",
        "v1.1.0-20191109021931-daa7c04131f5",
        "v1.2.3-20191109021931-daa7c04131f5",
        "v1.2.3-pre.20191109021931-daa7c04131f5",
        "v1.2.3-1.20191109021931-daa7c04131f5",
        "v1.2.3-a-0.20191109021931-daa7c04131f5",
        "v0.0.0-2019110902193-daa7c04131f5",
        "v0.0.0-201911090219310-daa7c04131f5",
        "v0.0.0-20191109021931-",
        "v0.0.0-20191109021931-daa7_04131f5",
        "v0.0.0-20191109021931",
        "v1.2.4-0.20191109021931",
        "0.0.0-20191109021931-daa7c04131f5",
      })
  void rejectsNonPseudoVersions(String v) {
    assertThat(Semver.isPseudo(v)).isFalse();
  }

  @Test
  void malformedPseudoVersionTimeIsAnError() {
    PseudoVersion p = PseudoVersion.parse("v0.0.0-20191399021931-daa7c04131f5").orElseThrow();
    assertThatThrownBy(p::time).hasMessageContaining("malformed time \"20191399021931\"");
  }

  @Test
  void moduleVersionKnowsPseudo() {
    assertThat(ModuleVersion.of("v0.0.0-20191109021931-daa7c04131f5").isPseudo()).isTrue();
    assertThat(ModuleVersion.of("v1.0.0").isPseudo()).isFalse();
  }
}
