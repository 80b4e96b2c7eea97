package dev.modmirror.core.zip;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Rule ids are the constants' names in kebab case; the rules stricter than Go are the seven that
 * docs/verification.md lists as deliberate refusals.
 */
class ZipRuleTest {
  @Test
  void idsAreTheNamesInKebabCase() {
    for (ZipRule rule : ZipRule.values()) {
      assertThat(rule.id()).isEqualTo(rule.name().toLowerCase(Locale.ROOT).replace('_', '-'));
    }
  }

  @Test
  void rulesStricterThanGoAreTheDocumentedOnes() throws IOException {
    Set<ZipRule> stricter =
        Arrays.stream(ZipRule.values()).filter(ZipRule::stricterThanGo).collect(Collectors.toSet());
    assertThat(stricter)
        .containsExactlyInAnyOrder(
            ZipRule.MISPLACED_DIRECTORY,
            ZipRule.LOCAL_HEADER_MISMATCH,
            ZipRule.CENTRAL_DIRECTORY_MISMATCH,
            ZipRule.OVERLAPPING_ENTRIES,
            ZipRule.ENCRYPTED_ENTRY,
            ZipRule.SYMLINK,
            ZipRule.NOT_REGULAR_FILE);
    Set<String> documented = new java.util.HashSet<>();
    Set<String> ids = Arrays.stream(ZipRule.values()).map(ZipRule::id).collect(Collectors.toSet());
    for (String line : Files.readAllLines(Path.of("../docs/verification.md"))) {
      java.util.regex.Matcher m =
          java.util.regex.Pattern.compile("^\\| `([a-z-]+)` \\|").matcher(line);
      if (m.find() && ids.contains(m.group(1))) {
        documented.add(m.group(1));
      }
    }
    assertThat(documented)
        .containsExactlyInAnyOrderElementsOf(
            stricter.stream().map(ZipRule::id).collect(Collectors.toSet()));
  }
}
