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
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The table {@code tables/hostile.txt}: one field of a valid module zip changed, and the exact rule
 * that refuses the result. Random mutations, where the rule cannot be known in advance, must still
 * end in a verdict (accepted or a {@link ZipRuleException}) for both the verifier and {@link
 * DirHash#hashZip}, never another exception, a hang or an allocation that scales with a lying
 * header ({@link ModuleZipVerifierFuzzTest} does the same for the verifier over more seeds).
 */
class HostileZipTest {
  private static final ModuleRef REF = ModuleRef.of("example.com/m", "v1.0.0");
  private static final String P = "example.com/m@v1.0.0/";
  private static final ModuleLimits SMALL =
      new ModuleLimits(1 << 20, 1 << 20, 4096, 4096, ModuleLimits.MAX_INFO);

  /** Field offsets and widths in the end record, central and local headers. */
  private static final Map<String, int[]> EOCD =
      Map.of(
          "signature", new int[] {0, 4},
          "disk", new int[] {4, 2},
          "cd-disk", new int[] {6, 2},
          "entries", new int[] {10, 2},
          "cd-size", new int[] {12, 4},
          "cd-offset", new int[] {16, 4});

  private static final Map<String, int[]> CEN =
      Map.of(
          "signature", new int[] {0, 4},
          "flags", new int[] {8, 2},
          "method", new int[] {10, 2},
          "crc", new int[] {16, 4},
          "compressed", new int[] {20, 4},
          "uncompressed", new int[] {24, 4},
          "name-length", new int[] {28, 2},
          "attributes", new int[] {38, 4},
          "offset", new int[] {42, 4});

  private static final Map<String, int[]> LOC =
      Map.of(
          "signature", new int[] {0, 4},
          "method", new int[] {8, 2},
          "crc", new int[] {14, 4},
          "compressed", new int[] {18, 4},
          "uncompressed", new int[] {22, 4},
          "name-length", new int[] {26, 2});

  @TempDir Path dir;

  static Stream<Arguments> hostile() {
    return CaseTable.arguments(HostileZipTest.class, "tables/hostile.txt");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("hostile")
  void refusesEachDamagedFieldWithItsRule(CaseTable.Row row) throws IOException {
    TestZip seed = TestZip.create().with(P + "go.mod", "module example.com/m\n");
    seed.add(P + "a/b.go", "package b\n".repeat(50));
    seed.add(P + "c.txt", "stored text\n").stored();
    seed.dir(P + "d/");
    byte[] zip = damage(seed.bytes(), row.arg(0), row.arg(1));
    Path file = Files.write(dir.resolve("hostile.zip"), zip);
    String got;
    try {
      ModuleZipVerifier.verify(file, REF);
      got = "ok";
    } catch (ZipRuleException e) {
      assertThat(e.module()).contains("example.com/m");
      got = e.rule().id();
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

  private static byte[] damage(byte[] zip, String field, String change) {
    if (field.equals("none")) {
      return zip;
    }
    if (field.equals("cut")) {
      int n = Integer.parseInt(change);
      return Arrays.copyOf(zip, n < 0 ? zip.length + n : n);
    }
    int eocd = zip.length - 22;
    int base;
    int[] f;
    String name = field.substring(field.indexOf('.') + 1);
    if (field.startsWith("eocd.")) {
      base = eocd;
      f = EOCD.get(name);
    } else {
      int i = Integer.parseInt(field.substring(field.indexOf('[') + 1, field.indexOf(']')));
      int cen = (int) get(zip, eocd + 16, 4);
      for (int k = 0; k < i; k++) {
        cen +=
            46
                + (int) get(zip, cen + 28, 2)
                + (int) get(zip, cen + 30, 2)
                + (int) get(zip, cen + 32, 2);
      }
      base = field.startsWith("cen") ? cen : (int) get(zip, cen + 42, 4);
      f = (field.startsWith("cen") ? CEN : LOC).get(name);
    }
    if (f == null) {
      throw new IllegalArgumentException("unknown field " + field);
    }
    byte[] out = zip.clone();
    long value = get(out, base + f[0], f[1]);
    long operand = Long.decode(change.substring(1));
    long changed =
        switch (change.charAt(0)) {
          case '+' -> value + operand;
          case '=' -> operand;
          case '^' -> value ^ operand;
          default -> throw new IllegalArgumentException("unknown change " + change);
        };
    for (int k = 0; k < f[1]; k++) {
      out[base + f[0] + k] = (byte) (changed >>> (8 * k));
    }
    return out;
  }

  private static long get(byte[] b, int at, int width) {
    long v = 0;
    for (int k = width - 1; k >= 0; k--) {
      v = v << 8 | (b[at + k] & 0xff);
    }
    return v;
  }
}
