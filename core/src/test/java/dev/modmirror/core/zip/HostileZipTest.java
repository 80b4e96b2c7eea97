package dev.modmirror.core.zip;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modmirror.core.error.InvalidInputException;
import dev.modmirror.core.hash.DirHash;
import dev.modmirror.core.module.ModuleLimits;
import dev.modmirror.core.module.ModuleRef;
import dev.modmirror.core.testdata.CaseTable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The table {@code tables/hostile.txt} ({@link HostileZips}): one field of a valid module zip
 * changed, and the exact rule that refuses the result. Random mutations, where the rule cannot be
 * known in advance, must still end in a verdict (accepted or a {@link ZipRuleException}) for both
 * the verifier and {@link DirHash#hashZip}, never another exception, a hang or an allocation that
 * scales with a lying header ({@link ModuleZipVerifierFuzzTest} does the same for the verifier over
 * more seeds).
 */
class HostileZipTest {
  private static final ModuleRef REF = HostileZips.REF;
  private static final String P = "example.com/m@v1.0.0/";
  private static final ModuleLimits SMALL =
      new ModuleLimits(1 << 20, 1 << 20, 4096, 4096, ModuleLimits.MAX_INFO);

  @TempDir Path dir;

  static Stream<Arguments> hostile() {
    return HostileZips.rows().stream().map(r -> Arguments.of(Named.of(r.toString(), r)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("hostile")
  void refusesEachDamagedFieldWithItsRule(CaseTable.Row row) throws IOException {
    byte[] zip = HostileZips.damaged(row);
    Path file = Files.write(dir.resolve("hostile.zip"), zip);
    String got;
    try {
      ModuleZipVerifier.verify(file, REF);
      got = "ok";
    } catch (ZipRuleException e) {
      assertThat(e.module()).contains("example.com/m");
      // A row may name the message too: "rule: message".
      got =
          row.want().contains(": ")
              ? e.getMessage().substring("zip rule ".length())
              : e.rule().id();
    }
    assertThat(got).as(row.where()).isEqualTo(row.want());
  }

  @Test
  void mutatedZipsEndInARuleOrAreAccepted() throws IOException {
    TestZip zip = TestZip.create().with(P + "go.mod", "module example.com/m\n");
    zip.add(P + "a/b.go", "package a\n".repeat(50));
    zip.add(P + "c.txt", "stored text\n").stored();
    zip.dir(P + "d/");
    byte[] original = zip.bytes();
    Random random = new Random(1234);
    Set<String> rules = new HashSet<>();
    Path file = dir.resolve("fuzz.zip");
    for (int round = 0; round < 1000; round++) {
      byte[] mutated = mutate(original, random);
      Files.write(file, mutated);
      rules.add(verdict(() -> ModuleZipVerifier.verify(file, REF, SMALL)));
      verdict(() -> DirHash.hashZip(file));
    }
    assertThat(rules).contains("accepted", "not-a-zip", "crc-mismatch");
  }

  private interface Action {
    void run();
  }

  private static String verdict(Action action) {
    try {
      action.run();
      return "accepted";
    } catch (ZipRuleException e) {
      assertThat(e.rule()).isNotNull();
      return e.rule().id();
    } catch (InvalidInputException e) {
      // Only dirhash's refusal of newline names is allowed besides rule failures.
      assertThat(e).hasMessageContaining("newlines");
      return "newline";
    }
  }

  private static byte[] mutate(byte[] original, Random random) {
    byte[] b = original.clone();
    switch (random.nextInt(4)) {
      case 0 -> b[random.nextInt(b.length)] ^= (byte) (1 << random.nextInt(8));
      case 1 -> {
        int at = random.nextInt(b.length - 4);
        for (int i = 0; i < 4; i++) {
          b[at + i] = (byte) 0xff;
        }
      }
      case 2 -> b = Arrays.copyOf(b, random.nextInt(b.length));
      default -> {
        for (int i = 0; i < 3; i++) {
          b[random.nextInt(b.length)] = (byte) random.nextInt(256);
        }
      }
    }
    return b;
  }
}
