package dev.modmirror.core.zip;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modmirror.core.error.InvalidInputException;
import dev.modmirror.core.fuzz.Fuzz;
import dev.modmirror.core.fuzz.Mutator;
import dev.modmirror.core.module.ModuleRef;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile-input properties of {@link ModuleZipVerifier}: the bytes of valid small module zips,
 * mutated, make it fail only with {@link ZipRuleException} (or another {@link
 * InvalidInputException}), and it writes nothing: the temp dir holds only the unchanged zip and the
 * working directory gains no file.
 */
class ModuleZipVerifierFuzzTest {
  private static final String P = "example.com/m@v1.0.0/";
  private static final String P2 = "example.com/m/v2@v2.0.0/";

  private record Seed(ModuleRef ref, byte[] zip) {}

  @TempDir Path dir;

  @Test
  void seedZipsAreValid() throws IOException {
    for (Seed seed : seeds()) {
      Path file = dir.resolve("seed.zip");
      Files.write(file, seed.zip());
      assertThat(ModuleZipVerifier.verify(file, seed.ref()).fileCount())
          .as(seed.ref().key())
          .isPositive();
    }
  }

  @Test
  void mutatedZipsFailOnlyWithZipRules() throws IOException {
    List<Seed> seeds = seeds();
    Path file = dir.resolve("fuzz.zip");
    List<Path> workingDirBefore = listing(Path.of("").toAbsolutePath());
    Set<String> outcomes = new TreeSet<>();
    int iterations =
        Fuzz.run(
            "zip-mutated",
            1000,
            s -> {
              Mutator m = new Mutator(s);
              Seed seed = m.pick(seeds);
              byte[] zip = m.mutate(seed.zip(), 4);
              outcomes.add(verifyFailsOnlyWithRules(file, seed.ref(), zip));
            });
    System.out.println("zip-mutated outcomes: " + outcomes);
    assertThat(listing(Path.of("").toAbsolutePath())).isEqualTo(workingDirBefore);
    if (iterations >= 200) {
      // A fuzzer whose mutants all die at the first check would prove nothing.
      assertThat(outcomes).as("distinct outcomes").hasSizeGreaterThanOrEqualTo(6).contains("valid");
    }
  }

  /** Returns "valid" or the rule broken. */
  private String verifyFailsOnlyWithRules(Path file, ModuleRef ref, byte[] zip) {
    try {
      Files.write(file, zip);
      String outcome = "valid";
      try {
        ModuleZipVerifier.verify(file, ref);
      } catch (ZipRuleException e) {
        assertThat(e.module()).contains(ref.path().value());
        outcome = e.rule().id();
      } catch (InvalidInputException e) {
        assertThat(e.module()).contains(ref.path().value());
        outcome = e.getClass().getSimpleName();
      }
      assertThat(listing(dir)).containsExactly(file);
      assertThat(Files.readAllBytes(file)).isEqualTo(zip);
      return outcome;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<Path> listing(Path directory) {
    try (Stream<Path> files = Files.list(directory)) {
      return files.sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<Seed> seeds() throws IOException {
    ModuleRef v1 = ModuleRef.of("example.com/m", "v1.0.0");
    return List.of(
        new Seed(
            v1,
            TestZip.create()
                .with(P + "go.mod", "module example.com/m\n")
                .with(P + "LICENSE", "MIT\n")
                .with(P + "a/b/c.go", "package b\n")
                .bytes()),
        new Seed(v1, storedZip()),
        new Seed(v1, ModuleZipVerifierTest.jdkZip(P, P + "a/", P + "a/x.go", P + "go.mod")),
        new Seed(
            ModuleRef.of("example.com/m/v2", "v2.0.0"),
            TestZip.create()
                .with(P2 + "go.mod", "module example.com/m/v2\n")
                .with(P2 + "m.go", "package m\n\nfunc F() int { return 2 }\n")
                .bytes()));
  }

  private static byte[] storedZip() {
    TestZip zip = TestZip.create();
    zip.add(P + "go.mod", "module example.com/m\n").stored();
    zip.add(P + "x.go", "package m\n").stored();
    zip.add(P + "sub/y.go", "package sub\n");
    return zip.bytes();
  }
}
