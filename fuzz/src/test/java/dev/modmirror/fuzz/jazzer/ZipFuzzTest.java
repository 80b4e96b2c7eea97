package dev.modmirror.fuzz.jazzer;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.modmirror.core.error.InvalidInputException;
import dev.modmirror.core.module.ModuleLimits;
import dev.modmirror.core.module.ModuleRef;
import dev.modmirror.core.zip.ModuleZipVerifier;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Target {@code zip}: arbitrary bytes verified as the module zip of {@code example.com/m@v1.0.0},
 * central directory, local headers, names, sizes, CRCs and entry contents. Only the typed refusal
 * ({@code ZipRuleException}, an {@link InvalidInputException}) may come out. Sizes are bounded so
 * that a deflate bomb in a small input is a refusal, not a minutes-long inflation: 8 MiB
 * uncompressed, 1 MiB for go.mod and LICENSE (the rules are the same at the go command's limits).
 */
class ZipFuzzTest {
  private static final ModuleRef REF = ModuleRef.of("example.com/m", "v1.0.0");
  private static final ModuleLimits LIMITS =
      new ModuleLimits(1 << 20, 8 << 20, 1 << 20, 1 << 20, ModuleLimits.MAX_INFO);
  // One file, rewritten for every input (created here, not in @BeforeAll: Jazzer's own driver,
  // which ./modmirror fuzz uses, runs no JUnit lifecycle methods).
  private static final Path ZIP = tempFile();

  private static Path tempFile() {
    try {
      Path dir = Files.createTempDirectory("zip-fuzz");
      Path zip = dir.resolve("m.zip");
      dir.toFile().deleteOnExit();
      zip.toFile().deleteOnExit();
      return zip;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @FuzzTest(maxDuration = Targets.MAX_DURATION)
  void verify(byte[] data) {
    if (data.length > LIMITS.maxZipFile()) {
      return;
    }
    try {
      Files.write(ZIP, data);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try {
      ModuleZipVerifier.verify(ZIP, REF, LIMITS);
    } catch (InvalidInputException expected) {
      // ZipRuleException naming the rule
    }
  }
}
