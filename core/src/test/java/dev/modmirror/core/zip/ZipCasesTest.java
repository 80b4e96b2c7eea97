package dev.modmirror.core.zip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modmirror.core.hash.DirHash;
import dev.modmirror.core.hash.VerifiedZip;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The module zips of {@code cases/*.txt} ({@link ZipCase}), each verified with the exact rule, by
 * the verifier alone and by {@link DirHash#verifyZip} (which must hash as {@link DirHash#hashZip}).
 */
class ZipCasesTest {
  @TempDir Path dir;

  static List<ZipCase> cases() {
    return ZipCase.all();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void verifiesAsTheCaseSays(ZipCase c) throws IOException {
    Path file = Files.write(dir.resolve("case.zip"), c.bytes());
    if (c.want().equals("ok")) {
      ZipSummary summary = ModuleZipVerifier.verify(file, c.ref(), c.limits());
      assertThat(summary.fileCount()).as(c.name()).isEqualTo(c.files());
      // One pass verifies and hashes: the same summary, and the h1 that hashZip (Go's) computes.
      VerifiedZip verified = DirHash.verifyZip(file, c.ref(), c.limits());
      assertThat(verified.summary()).as(c.name()).isEqualTo(summary);
      assertThat(verified.h1()).as(c.name()).isEqualTo(DirHash.hashZip(file));
      return;
    }
    assertThatThrownBy(() -> DirHash.verifyZip(file, c.ref(), c.limits()))
        .as(c.name())
        .isInstanceOfSatisfying(
            ZipRuleException.class, e -> assertThat(e.rule().id()).isEqualTo(c.want()));
    assertThatThrownBy(() -> ModuleZipVerifier.verify(file, c.ref(), c.limits()))
        .as(c.name())
        .isInstanceOfSatisfying(
            ZipRuleException.class,
            e -> {
              assertThat(e.rule().id()).as(c.name()).isEqualTo(c.want());
              c.message().ifPresent(m -> assertThat(e).as(c.name()).hasMessage(m));
              assertThat(e.module()).contains(c.ref().path().value());
              assertThat(e.version()).contains(c.ref().version().value());
            });
  }
}
