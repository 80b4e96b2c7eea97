package dev.modmirror.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modmirror.core.error.InvalidInputException;
import dev.modmirror.core.error.TransientException;
import dev.modmirror.core.module.ModuleRef;
import dev.modmirror.core.testdata.CaseTable;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The table {@code cases/bounded.txt}; spools and tree deletion. */
class IoTest {
  private static final ModuleRef REF = ModuleRef.of("example.com/m", "v1.0.0");

  @TempDir Path dir;

  static Stream<Arguments> bounded() {
    return CaseTable.arguments(IoTest.class, "cases/bounded.txt");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("bounded")
  void readsAndCopiesUpToTheLimitExactly(CaseTable.Row row) {
    int size = Integer.parseInt(row.arg(1));
    long max = Long.parseLong(row.arg(2));
    byte[] content = new byte[size];
    if (size > 0) {
      content[size - 1] = 7;
    }
    String got;
    try (Spool spool = Spool.create(dir.resolve("spool"), "t", REF)) {
      long n =
          row.arg(0).equals("read")
              ? Bounded.read(new ByteArrayInputStream(content), max, REF, ".info").length
              : spool.fill(new ByteArrayInputStream(content), max, ".info");
      if (row.arg(0).equals("copy")) {
        try (InputStream in = spool.open()) {
          assertThat(in.readAllBytes()).isEqualTo(content);
        }
      }
      got = "ok " + n;
    } catch (InvalidInputException e) {
      assertThat(e.module()).contains("example.com/m");
      got = "error " + e.getMessage();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    assertThat(got).as(row.where()).isEqualTo(row.want());
  }

  @Test
  void aFailingStreamIsTransientAndNamesTheModule() {
    InputStream broken =
        new InputStream() {
          @Override
          public int read() throws IOException {
            throw new IOException("connection reset");
          }
        };
    assertThatThrownBy(() -> Bounded.read(broken, 10, REF, ".mod"))
        .isExactlyInstanceOf(TransientException.class)
        .hasMessage("reading .mod failed: connection reset");
    assertThatThrownBy(() -> Bounded.copy(broken, dir.resolve("x"), 10, REF, ".zip"))
        .isExactlyInstanceOf(TransientException.class)
        .hasMessage("copying .zip failed: connection reset")
        .satisfies(e -> assertThat(((TransientException) e).version()).contains("v1.0.0"));
  }

  @Test
  void aSpoolLivesInItsDirectoryUntilClosed() throws IOException {
    Path spoolDir = dir.resolve("a/b");
    Path file;
    try (Spool spool = Spool.create(spoolDir, "warm-", REF)) {
      file = spool.path();
      assertThat(file.getParent()).isEqualTo(spoolDir);
      assertThat(file.getFileName().toString()).startsWith("warm-").endsWith(".zip");
      assertThat(file).exists().isEmptyFile();
    }
    assertThat(file).doesNotExist();
    Files.writeString(dir.resolve("blocker"), "a file where a directory should be");
    assertThatThrownBy(() -> Spool.create(dir.resolve("blocker"), "x", REF))
        .isExactlyInstanceOf(TransientException.class)
        .hasMessage("cannot create spool file in " + dir.resolve("blocker"));
    Spool gone = Spool.create(spoolDir, "gone-", REF);
    Files.delete(gone.path());
    assertThatThrownBy(gone::open)
        .isExactlyInstanceOf(TransientException.class)
        .hasMessage("reading spooled zip failed");
    gone.close();
  }

  @Test
  void deletesWholeTreesEvenReadOnlyOnesAndToleratesAMissingRoot() throws IOException {
    Path root = dir.resolve("tree");
    Path leaf = Files.createDirectories(root.resolve("a/b"));
    Files.writeString(leaf.resolve("f"), "x");
    leaf.resolve("f").toFile().setWritable(false);
    leaf.toFile().setWritable(false);
    Trees.delete(root);
    assertThat(root).doesNotExist();
    Trees.delete(root);
    Trees.deleteQuietly(root);
    Path file = Files.writeString(dir.resolve("plain"), "x");
    Trees.delete(file);
    assertThat(file).doesNotExist();
  }
}
